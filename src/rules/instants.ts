import { AppError } from '../shared/errors.js';
import { daysInMonth } from './local-dates.js';

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

/**
 * Whether `text` is an instant exactly as `toISOString` writes it (`yyyy-MM-ddTHH:mm:ss.SSSZ`, a
 * 4-digit year, a day that exists): then `new Date(Date.parse(text)).toISOString()` is `text`
 * itself, and two such texts order as their instants do. Checked without parsing or a regex.
 */
export function isCanonicalInstant(text: string): boolean {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */) return false;
  for (let i = 0; i < 23; i += 1) {
    const code = text.charCodeAt(i);
    const expected = SEPARATORS[i];
    if (expected === undefined ? code < 48 || code > 57 : code !== expected) return false;
  }
  const year = number(text, 0, 4);
  const month = number(text, 5, 7);
  const day = number(text, 8, 10);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && number(text, 11, 13) <= 23 && number(text, 14, 16) <= 59 && number(text, 17, 19) <= 59;
}

/** Position → the separator `toISOString` writes there (`-`, `T`, `:`, `.`); digits elsewhere. */
const SEPARATORS: Record<number, number> = { 4: 45, 7: 45, 10: 84, 13: 58, 16: 58, 19: 46 };

/** The number written in ASCII digits at text[from, to). */
function number(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}
