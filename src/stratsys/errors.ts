import type { z } from 'zod';
import { AppError, type ErrorCode } from '../shared/errors.js';

/** Which call failed: method and path without query string, never headers or credentials. */
export interface Endpoint {
  method: string;
  /** Path relative to the API base, e.g. `scorecards/50/departments/101/nodes`. */
  path: string;
}

export function describeEndpoint(endpoint: Endpoint): string {
  return `${endpoint.method} ${endpoint.path}`;
}

/** Stratsys answered with an HTTP error, a `Success: false` envelope, or could not be reached. */
export class StratsysHttpError extends AppError {
  readonly method: string;
  readonly path: string;
  /** HTTP status, or null for network failures. */
  readonly status: number | null;
  /** Stratsys' own message from the envelope, when it gave one. */
  readonly stratsysMessage: string | null;
  /** How long the server asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | null;

  constructor(
    code: ErrorCode,
    endpoint: Endpoint,
    info: { status: number | null; stratsysMessage?: string | null; retryAfterMs?: number | null; retryable: boolean; cause?: unknown; reason?: string },
  ) {
    const status = info.status === null ? '' : ` → HTTP ${info.status}`;
    const said = info.stratsysMessage ? `: ${info.stratsysMessage}` : info.reason ? `: ${info.reason}` : '';
    super(code, `${describeEndpoint(endpoint)}${status}${said}`, {
      retryable: info.retryable,
      cause: info.cause,
      details: { method: endpoint.method, path: endpoint.path, status: info.status },
    });
    this.name = 'StratsysHttpError';
    this.method = endpoint.method;
    this.path = endpoint.path;
    this.status = info.status;
    this.stratsysMessage = info.stratsysMessage ?? null;
    this.retryAfterMs = info.retryAfterMs ?? null;
  }
}

/** The request worked but the answer does not match the contract: malformed JSON or schema drift. */
export class StratsysResponseError extends AppError {
  readonly method: string;
  readonly path: string;
  /** Field paths and what was expected, e.g. `Result[3].Name: expected string`. */
  readonly problems: string[];

  constructor(endpoint: Endpoint, problems: string[], cause?: unknown) {
    const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; … ${problems.length - 5} more` : '');
    super('STRATSYS_RESPONSE_INVALID', `${describeEndpoint(endpoint)}: response does not match the contract: ${shown}`, {
      retryable: false,
      cause,
      details: { method: endpoint.method, path: endpoint.path, problems: problems.slice(0, 20) },
    });
    this.name = 'StratsysResponseError';
    this.method = endpoint.method;
    this.path = endpoint.path;
    this.problems = problems;
  }
}

/** Turns zod issues into `path: message` lines, the path written like `Result[3].Department.Name`. */
export function formatIssues(issues: z.core.$ZodIssue[], root = 'Result'): string[] {
  return issues.map((issue) => {
    let path = root;
    for (const part of issue.path) path += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
    return `${path}: ${issue.message}`;
  });
}
