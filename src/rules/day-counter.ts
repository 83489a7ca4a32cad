import { TZDate } from '@date-fns/tz';
import { REPORT_TIME_ZONE, type daysOverdue } from './deadlines.js';
import { assertTimeZone, toMillis } from './instants.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * daysOverdue for one evaluation, which counts many late deliveries: the same answer, from the
 * local day numbers of the two instants (days since 1970-01-01 on the zone's calendar), with the
 * zone's offset looked up once per UTC hour instead of building zoned dates per report. An hour in
 * which the offset changes is not cached (each instant in it is looked up), the same assumption the
 * local-timestamp reading makes: an offset changes at most once within an hour.
 */
export function dayCounter(): typeof daysOverdue {
  const offsets = new Map<string, Map<number, number | null>>();
  const localDay = (ms: number, timeZone: string): number => {
    let byHour = offsets.get(timeZone);
    if (byHour === undefined) offsets.set(timeZone, (byHour = new Map()));
    const hour = Math.floor(ms / HOUR_MS);
    let offset = byHour.get(hour);
    if (offset === undefined) {
      const start = offsetAt(hour * HOUR_MS, timeZone);
      byHour.set(hour, (offset = start === offsetAt(hour * HOUR_MS + HOUR_MS - 1, timeZone) ? start : null));
    }
    return Math.floor((ms + (offset ?? offsetAt(ms, timeZone))) / DAY_MS);
  };
  return (dueAt, asOf, timeZone = REPORT_TIME_ZONE) => {
    assertTimeZone(timeZone);
    const due = toMillis(dueAt, 'dueAt');
    const at = toMillis(asOf, 'asOf');
    if (at <= due) return 0;
    return 1 + localDay(at, timeZone) - localDay(due, timeZone);
  };
}

/** How far the zone's wall clock is ahead of UTC at instant `ms`, in ms (as TZDate reads it). */
function offsetAt(ms: number, timeZone: string): number {
  const local = new TZDate(ms, timeZone);
  const wall = new Date(0);
  wall.setUTCFullYear(local.getFullYear(), local.getMonth(), local.getDate());
  wall.setUTCHours(local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds());
  return wall.getTime() - ms;
}
