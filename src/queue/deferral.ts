import { AppError, type ErrorCode } from '../shared/errors.js';

/**
 * Thrown by a job handler that cannot finish yet through no failure of its own (e.g. an alert
 * e-mail another worker holds a claim on). The queue layer puts the job back as delayed for
 * `delayMs` without counting an attempt, so waiting out someone else's lease never uses up retries.
 */
export class JobDeferral extends AppError {
  /** How long to wait before the job runs again, in milliseconds. */
  readonly delayMs: number;

  constructor(code: ErrorCode, message: string, delayMs: number) {
    super(code, message, { retryable: true, details: { delayMs } });
    this.name = 'JobDeferral';
    this.delayMs = Math.max(0, Math.round(delayMs));
  }
}

export function isJobDeferral(value: unknown): value is JobDeferral {
  return value instanceof JobDeferral;
}
