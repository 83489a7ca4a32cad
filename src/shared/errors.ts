/**
 * One error family for the whole service. Every error we throw is an AppError with a stable
 * UPPER_SNAKE code, a `retryable` flag and optional `details` that are safe to log (never
 * secrets, headers or query strings). The README documents every code; a test keeps them in step.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: 'An environment variable is missing or has the wrong form.',
  CLI_USAGE: 'A command-line argument is missing or invalid.',
  MAPPING_INVALID: 'A mapping file does not parse or does not match the mapping schema.',
  MAPPING_CONFLICT: 'Two mapping rules claim one node for different focus areas.',
  MAPPING_NO_PERIOD: 'No mapping file covers the year under evaluation.',
  PERIOD_IMPLAUSIBLE: 'A past year would be evaluated as of now, years after its reports were due; give the as-of instant (`--as-of`, SYNC_AS_OF) or a recent year.',
  STRATSYS_AUTH_FAILED: 'Stratsys rejected the credentials (401), also after one token refresh.',
  STRATSYS_HTTP: 'Stratsys answered with an HTTP error or a `Success: false` envelope.',
  STRATSYS_RATE_LIMITED: 'Stratsys kept answering 429 after the client retries were spent.',
  STRATSYS_NETWORK: 'The connection to Stratsys failed, timed out or was reset.',
  STRATSYS_RESPONSE_INVALID: 'A Stratsys response did not match the contract (schema drift or malformed JSON).',
  STRATSYS_WRITE_REJECTED: 'A KPI write returned another value than the one sent (locked period).',
  UNKNOWN_DEPARTMENT: 'A department id or name does not exist in the tenant.',
  PULL_INCOMPLETE: 'One or more units could not be pulled; dependent results are held back.',
  SNAPSHOT_INVALID: 'A stored or supplied snapshot does not match the snapshot schema.',
  REPORT_RUN_NOT_FOUND: 'No stored report version of that run (or it kept no snapshot to make it again).',
  REPORT_NOT_WRITTEN: "A run's report files could not be written (e.g. REPORT_DIR is not a writable folder); the run's status says so, its alerts and write-back are not affected.",
  PAYLOAD_INVALID: 'A job payload or HTTP request body failed validation.',
  REDIS_UNSUITABLE: 'The Redis server is unreachable, too old or not configured with noeviction.',
  REDIS_DATA_LOST: 'Redis lost its data (e.g. restarted without persistence): the schedule was restored and the runs in flight were marked failed and queued again.',
  ALERT_SEND_FAILED: 'An alert e-mail could not be delivered after retries.',
  ALERT_PENDING: 'An alert e-mail is claimed by another worker (sending, or stopped mid-send); the alert job runs again when the claim runs out.',
  ALERT_SOURCE_INVALID:
    "The evaluation a run recorded for its alert step cannot be read (damaged, or another version's record), or was made with another mapping file or REPORT_TIME_ZONE than the worker's: that alert job sends nothing and is not retried; the next run's alert step sends what is due. A run that recorded none and is not among the kept runs (no longer kept, or not recorded yet) is retried a few times, then fails, sending nothing: its e-mails are never made from the store as it is now.",
  SIM_NOT_INSTALLED:
    'The simulator and the demo are development tools, left out of the production build (`npm run build`, the container image): run them from a source checkout (`npm run cli -- sim`, `npm run demo`) or after `npm run build:dev`.',
  INTERNAL: 'An unexpected error; the message says what was being done.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  retryable?: boolean;
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping the original as `cause`. */
export function toAppError(value: unknown, context = 'unexpected error'): AppError {
  if (isAppError(value)) return value;
  if (value instanceof Error) {
    return new AppError('INTERNAL', `${context}: ${value.message}`, { cause: value });
  }
  return new AppError('INTERNAL', `${context}: ${String(value)}`);
}
