import { TZDate } from '@date-fns/tz';
import type { Clock } from './clock.js';
import { AppError } from './errors.js';

/** `yyyy-MM-dd`, or an ISO 8601 date-time with seconds optional and a `Z` or ±hh:mm offset. */
export const AS_OF_PATTERN = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Earliest year an as-of value may name; older ones are typos (and years below 100 would be read as 19xx). */
export const AS_OF_MIN_YEAR = 1970;

/**
 * Whether `value` is a usable as-of: the pattern, a calendar date and clock time as written (no
 * 30 February rolling over into March), and a year from AS_OF_MIN_YEAR on.
 */
export function isValidAsOf(value: string): boolean {
  return AS_OF_PATTERN.test(value) && !Number.isNaN(Date.parse(value)) && isWrittenCalendarTime(value) && Number(value.slice(0, 4)) >= AS_OF_MIN_YEAR;
}

/** Year, month and day name a real calendar day, hours ≤ 23 and minutes/seconds ≤ 59, as written. */
function isWrittenCalendarTime(value: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value) ?? [];
  const [y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0] = parts.slice(1).map((part) => Number(part ?? 0));
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && hh <= 23 && mm <= 59 && ss <= 59;
}

/**
 * Turns `--as-of` into an ISO instant: a plain date (`yyyy-MM-dd`) means 00:00 of that day in the
 * report time zone; an ISO instant is taken as is; absent means now.
 */
export function resolveAsOf(value: string | undefined, clock: Clock, timeZone: string): string {
  if (value === undefined) return clock.now().toISOString();
  if (AS_OF_PATTERN.test(value) && !isWrittenCalendarTime(value))
    throw new AppError('CLI_USAGE', `--as-of: "${value}" is not a calendar date and time (a day or hour past the end is not rolled over)`);
  if (!isValidAsOf(value)) throw new AppError('CLI_USAGE', `--as-of: expected yyyy-MM-dd or an ISO 8601 instant with Z or an offset, from year ${AS_OF_MIN_YEAR} on, got "${value}"`);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [, y, m, d] = match;
    const local = new TZDate(Number(y), Number(m) - 1, Number(d), 0, 0, 0, timeZone);
    if (local.getMonth() !== Number(m) - 1) throw new AppError('CLI_USAGE', `--as-of: ${value} is not a calendar date`);
    return new Date(local.getTime()).toISOString();
  }
  return new Date(Date.parse(value)).toISOString();
}

/** The default reported year: the calendar year before the as-of instant's year, in the time zone. */
export function defaultYear(asOf: string, timeZone: string): number {
  return new TZDate(new Date(asOf).getTime(), timeZone).getFullYear() - 1;
}
