/** The Stratsys response envelope (contract 1.5). */
export interface Envelope<T = unknown> {
  Result: T | null;
  Success: boolean;
  Message: string | null;
}

/** A success envelope around `result`. */
export function ok<T>(result: T): Envelope<T> {
  return { Result: result, Success: true, Message: null };
}

/** A failure envelope (`Result` null, `Success` false). */
export function failed(message: string): Envelope<null> {
  return { Result: null, Success: false, Message: message };
}

/** A handled API error: answered with `status` and a `Success: false` envelope carrying `message`. */
export class SimApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimApiError';
  }
}

/** Stratsys' answer to an unknown id: HTTP 400, `"<Entity> undefined: <id>"` plus an optional `('<context>')`. */
export function undefinedEntity(entity: string, id: string, context?: string): SimApiError {
  return new SimApiError(400, `${entity} undefined: ${id}${context === undefined ? '' : ` ('${context}')`}`);
}

/** A malformed request (bad parameter or body): HTTP 400 with ASP.NET's generic text plus detail. */
export function invalidRequest(detail: string): SimApiError {
  return new SimApiError(400, `The request is invalid. ${detail}`);
}
