import { TZDate } from '@date-fns/tz';
import type { FollowUp } from '../domain/programme.js';
import type { Comment } from '../stratsys/schemas.js';
import type { MappingIssue } from './issues.js';
import { stripHtml } from './text.js';

/**
 * Stratsys comments as follow-ups. Stratsys writes PostedDate as local wall-clock time without a
 * zone (`yyyy-MM-dd HH:mm:ss`); it is read in the report time zone and stored as a UTC instant.
 */

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?$/;
const PERIOD_DATE = /^\d{4}-\d{2}-\d{2}(?:$|[ T])/;

/**
 * `yyyy-MM-dd HH:mm:ss` local time in `timeZone` → ISO 8601 UTC instant, or null when malformed.
 * A time in the spring-forward gap moves forward by the gap (02:30 → 03:30); an ambiguous time in
 * the autumn overlap is read as the later instant (standard time).
 */
export function localTimeToUtc(local: string, timeZone: string): string | null {
  const text = local.trim();
  if (!LOCAL_TIME.test(text)) return null;
  const part = (from: number, to: number) => Number(text.slice(from, to));
  const [year, month, day, hour, minute] = [part(0, 4), part(5, 7), part(8, 10), part(11, 13), part(14, 16)];
  const second = text.length >= 19 ? part(17, 19) : 0;
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const instant = zonedInstant(timeZone, text.slice(0, 13), year, month, day, hour, minute, second);
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}

/**
 * Local hour → its UTC offset (ms), or null when the offset changes inside the hour. Resolving a
 * zone offset costs ~10 µs; comments cluster in few hours, so this keeps 100,000 comments fast.
 * Memoisation only: the result is exactly TZDate's.
 */
const hourOffsets = new Map<string, number | null>();
const MAX_CACHED_HOURS = 200_000;

function zonedInstant(timeZone: string, localHour: string, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const exact = (m: number, s: number) => new TZDate(year, month - 1, day, hour, m, s, timeZone).getTime();
  const key = `${timeZone}|${localHour}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const start = exact(0, 0) - Date.UTC(year, month - 1, day, hour, 0, 0);
    const end = exact(59, 59) - Date.UTC(year, month - 1, day, hour, 59, 59);
    offset = start === end && !Number.isNaN(start) ? start : null;
    if (hourOffsets.size >= MAX_CACHED_HOURS) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  return offset === null ? exact(minute, second) : Date.UTC(year, month - 1, day, hour, minute, second) + offset;
}

/** Calendar year of a `yyyy-MM-dd` period date, or null when malformed. */
export function periodYear(periodDate: string): number | null {
  const text = periodDate.trim();
  if (!PERIOD_DATE.test(text)) return null;
  const year = Number(text.slice(0, 4));
  return isCalendarDate(year, Number(text.slice(5, 7)), Number(text.slice(8, 10))) ? year : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/**
 * The follow-ups of one node by one unit, sorted by posting instant then comment id. A comment with
 * a malformed date is left out with a warning issue.
 */
export function toFollowUps(comments: readonly Comment[], nodeId: string, unitId: string, timeZone: string, issues: MappingIssue[]): FollowUp[] {
  const out: FollowUp[] = [];
  for (const comment of comments) {
    const postedAt = localTimeToUtc(comment.PostedDate, timeZone);
    const year = periodYear(comment.PeriodDate);
    if (postedAt === null || year === null) {
      issues.push({
        severity: 'warning',
        code: 'bad-comment-date',
        message: `comment ${comment.Id} on node ${nodeId} (unit ${unitId}) has an unreadable date (PeriodDate "${comment.PeriodDate}", PostedDate "${comment.PostedDate}"); left out`,
        nodeId,
        unitId,
      });
      continue;
    }
    out.push({ commentId: comment.Id, nodeId, unitId, periodDate: comment.PeriodDate.trim().slice(0, 10), year, postedAt, text: stripHtml(comment.Text) });
  }
  return out.sort((a, b) => a.postedAt.localeCompare(b.postedAt) || a.commentId.localeCompare(b.commentId, 'en', { numeric: true }));
}
