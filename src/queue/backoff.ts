import { isAppError } from '../shared/errors.js';

/**
 * Job-level backoff (the second retry layer): exponential from the job's base delay with full
 * jitter, but never shorter than a Retry-After Stratsys asked for. Pure.
 */
export function jobBackoffMs(attemptsMade: number, baseMs: number, error: unknown, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  const hint = isAppError(error) ? (error as unknown as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  const retryAfter = typeof hint === 'number' ? hint : 0;
  return Math.max(jittered, retryAfter);
}
