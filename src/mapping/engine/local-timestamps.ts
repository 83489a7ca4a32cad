import { TZDate } from '@date-fns/tz';

/**
 * Stratsys' zone-less local timestamps (`yyyy-MM-dd HH:mm:ss`) as UTC instants. Hot path: a large
 * tenant has several hundred thousand comments, so parsing avoids allocations and zone offsets are
 * memoised per local hour.
 */

/**
 * `yyyy-MM-dd HH:mm:ss` local time in `timeZone` → ISO 8601 UTC instant, or null when malformed.
 * A time in the spring-forward gap moves forward by the gap (02:30 → 03:30); an ambiguous time in
 * the autumn overlap is read as the later instant (standard time).
 */
export function localTimeToUtc(local: string | null, timeZone: string): string | null {
  if (local === null) return null;
  const text = isDigitAt(local, 0) && isDigitAt(local, local.length - 1) ? local : local.trim();
  if (!isLocalTimeText(text)) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = text.length >= 19 ? digits(text, 17, 19) : 0;
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const cached = hourStart(timeZone, ((year * 13 + month) * 32 + day) * 24 + hour, year, month, day, hour);
  if (cached === null) {
    const instant = new TZDate(year, month - 1, day, hour, minute, second, timeZone).getTime();
    return Number.isNaN(instant) ? null : new Date(instant).toISOString();
  }
  // A whole-hour offset leaves minutes and seconds as written: only the hour part comes from the cache.
  if (cached.isWholeHours) return cached.iso + minuteSecondText(minute * 60 + second);
  return new Date(cached.startMs + minute * 60_000 + second * 1000).toISOString();
}

/**
 * Whether `text` has the form of a local timestamp, `/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?$/`
 * (`yyyy-MM-dd HH:mm`, `T` allowed for the space, then optionally `:ss`, then optionally `.` and
 * digits), checked without the regex: comments are many.
 */
export function isLocalTimeText(text: string): boolean {
  const length = text.length;
  if (length < 16 || !areDigits(text, 0, 4) || text.charCodeAt(4) !== 45 || !areDigits(text, 5, 7) || text.charCodeAt(7) !== 45 || !areDigits(text, 8, 10)) return false;
  const separator = text.charCodeAt(10);
  if ((separator !== 32 && separator !== 84) || !areDigits(text, 11, 13) || text.charCodeAt(13) !== 58 || !areDigits(text, 14, 16)) return false;
  let at = 16;
  if (at < length && text.charCodeAt(at) === 58) {
    if (!areDigits(text, at + 1, at + 3) || at + 3 > length) return false;
    at += 3;
  }
  if (at === length) return true;
  return text.charCodeAt(at) === 46 && at + 1 < length && areDigits(text, at + 1, length);
}

function areDigits(text: string, from: number, to: number): boolean {
  if (to > text.length) return false;
  for (let i = from; i < to; i += 1) if (!isDigitAt(text, i)) return false;
  return true;
}

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `mm:ss.000Z` of each second of an hour, made once: a comment's instant is then one concatenation. */
let minuteSecondTexts: string[] | undefined;

function minuteSecondText(secondOfHour: number): string {
  minuteSecondTexts ??= Array.from({ length: 3600 }, (_, i) => `${pad2(Math.floor(i / 60))}:${pad2(i % 60)}.000Z`);
  return minuteSecondTexts[secondOfHour] as string;
}

/**
 * Calendar year of a `yyyy-MM-dd` period date, or null when malformed or null: the text, trimmed,
 * must match `/^\d{4}-\d{2}-\d{2}(?:$|[ T])/` and name a day that exists.
 */
export function periodYear(periodDate: string | null): number | null {
  if (periodDate === null) return null;
  const text = isDigitAt(periodDate, 0) && isDigitAt(periodDate, periodDate.length - 1) ? periodDate : periodDate.trim();
  // That pattern, checked without a regex: `yyyy-MM-dd`, then the end, a space or a `T`.
  const after = text.charCodeAt(10);
  if (!areDigits(text, 0, 4) || text.charCodeAt(4) !== 45 || !areDigits(text, 5, 7) || text.charCodeAt(7) !== 45 || !areDigits(text, 8, 10) || !(text.length === 10 || after === 32 || after === 84))
    return null;
  const year = digits(text, 0, 4);
  return isCalendarDate(year, digits(text, 5, 7), digits(text, 8, 10)) ? year : null;
}

/** The number written at text[from, to) (known to be ASCII digits). */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/** The UTC instant a local hour starts at, and its ISO form up to the minutes (`2021-01-15T09:`). */
interface HourStart {
  startMs: number;
  iso: string;
  isWholeHours: boolean;
}

/**
 * Zone → local hour (as one number: no string per lookup) → when it starts in UTC, or null when the zone's offset
 * changes inside that hour (the caller then asks TZDate for the exact instant). Resolving an
 * offset costs ~10 µs; this is memoisation only, the result is exactly TZDate's.
 */
const hoursByZone = new Map<string, Map<number, HourStart | null>>();
const MAX_CACHED_HOURS = 100_000;

function hourStart(timeZone: string, localHour: number, year: number, month: number, day: number, hour: number): HourStart | null {
  let hours = hoursByZone.get(timeZone);
  if (hours === undefined) hoursByZone.set(timeZone, (hours = new Map()));
  let cached = hours.get(localHour);
  if (cached === undefined) {
    const offsetAt = (minute: number, second: number) => new TZDate(year, month - 1, day, hour, minute, second, timeZone).getTime() - Date.UTC(year, month - 1, day, hour, minute, second);
    const offset = offsetAt(0, 0);
    const startMs = Date.UTC(year, month - 1, day, hour) + offset;
    cached = offset === offsetAt(59, 59) && !Number.isNaN(offset) ? { startMs, iso: new Date(startMs).toISOString().slice(0, 14), isWholeHours: offset % 3_600_000 === 0 } : null;
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(localHour, cached);
  }
  return cached;
}
