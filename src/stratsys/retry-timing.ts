/**
 * Pure retry timing for one Stratsys request: which failures are transient, and how long to wait.
 * Exponential backoff with full jitter (AWS architecture blog), capped; a server's Retry-After wins.
 */

/** HTTP statuses worth retrying: rate limited, bad gateway, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export interface BackoffOptions {
  /** First backoff step, in milliseconds. Default 250. */
  baseMs?: number;
  /** Largest single wait, in milliseconds. Default 10,000. */
  capMs?: number;
}

/** Full-jitter backoff for retry number `attempt` (0-based): uniform in [0, min(cap, base·2^attempt)]. */
export function backoffDelayMs(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 250;
  const cap = options.capMs ?? 10_000;
  const ceiling = Math.min(cap, base * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Parses a Retry-After header: delta seconds (`"120"`) or an HTTP date. Returns milliseconds to
 * wait from `now`, never negative, or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
