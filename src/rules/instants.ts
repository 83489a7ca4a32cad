import { AppError } from '../shared/errors.js';

/** An instant as an ISO 8601 string (with offset or `Z`) or a Date. */
export type Instant = string | Date;

/**
 * Milliseconds since the epoch of an instant. Throws INTERNAL for an unparseable one: instants
 * reach the rules already validated, so a bad one is a bug upstream, not a data problem.
 */
export function toMillis(instant: Instant, what: string): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) {
    throw new AppError('INTERNAL', `${what} is not an instant: ${String(instant)}`, { details: { what } });
  }
  return ms;
}

/**
 * Throws CONFIG_INVALID unless `timeZone` is an IANA name the runtime knows (as the config check). TZDate
 * does not reject an unknown zone by itself; it silently computes nonsense.
 */
export function assertTimeZone(timeZone: string): void {
  if (KNOWN_TIME_ZONES.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch (cause) {
    throw new AppError('CONFIG_INVALID', `unknown time zone: ${timeZone}`, { cause, details: { timeZone } });
  }
  KNOWN_TIME_ZONES.add(timeZone);
}

/** Zones already checked: building an Intl.DateTimeFormat per call dominated evaluation time. */
const KNOWN_TIME_ZONES = new Set<string>();
