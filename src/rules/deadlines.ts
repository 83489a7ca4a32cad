import { TZDate, tz } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import type { DueSource } from '../domain/evaluation.js';
import type { DueRule, FixedDayDueRule } from '../domain/obligations.js';
import type { ReportDeadline } from '../domain/programme.js';
import { AppError } from '../shared/errors.js';
import { type Instant, assertTimeZone, toMillis } from './instants.js';
import { daysInMonth, formatLocalDate, parseLocalDate } from './local-dates.js';

/** Default report time zone: deadlines are days on the Stockholm calendar. */
export const REPORT_TIME_ZONE = 'Europe/Stockholm';

/** The day a report is due, before it is turned into an instant. */
export interface DueDay {
  /** Nominal due day, `yyyy-MM-dd` in the report time zone. */
  dueDate: string;
  /** Whole local days after `dueDate` that still count as on time. */
  graceDays: number;
  source: DueSource;
  /** Permalink from the report-list row, else null. */
  reportUrl: string | null;
}

/** A due day and its last on-time instant. */
export interface Deadline extends DueDay {
  /** End of `dueDate` + `graceDays` (24:00 local = 00:00 of the next local day), ISO 8601 UTC. */
  dueAt: string;
}

export interface DeadlineInput {
  rule: DueRule;
  /** The reported year Y. */
  year: number;
  unitId: string;
  /** The view's report-list deadlines; only read by `report-list` rules. */
  reportDeadlines: readonly ReportDeadline[];
  /** IANA time zone of the calendar days. Default REPORT_TIME_ZONE (`Europe/Stockholm`). */
  timeZone?: string;
}

/**
 * Throws MAPPING_INVALID unless the fixed-day rule names a day that exists in some year:
 * month 1–12, day 1..(days of that month in a leap year), integer yearOffset, graceDays ≥ 0.
 * So 31 April or 30 February are rejected, while 29 February is allowed (see fixedDueDate).
 */
export function assertFixedDayRule(rule: FixedDayDueRule): void {
  const isValid =
    Number.isInteger(rule.month) &&
    rule.month >= 1 &&
    rule.month <= 12 &&
    Number.isInteger(rule.day) &&
    rule.day >= 1 &&
    rule.day <= daysInMonth(2000, rule.month) &&
    Number.isInteger(rule.yearOffset) &&
    Number.isInteger(rule.graceDays) &&
    rule.graceDays >= 0;
  if (!isValid) {
    throw new AppError('MAPPING_INVALID', `due rule names no valid day: month ${rule.month}, day ${rule.day}`, {
      details: { rule: { ...rule } },
    });
  }
}

/**
 * The nominal due day (`yyyy-MM-dd`) of a fixed-day rule for reported year Y: month/day of
 * Y + yearOffset. 29 February in a non-leap year is clamped to 28 February (the last day of the
 * month); days that never exist in the month throw MAPPING_INVALID (assertFixedDayRule).
 */
export function fixedDueDate(rule: FixedDayDueRule, year: number): string {
  assertFixedDayRule(rule);
  const dueYear = year + rule.yearOffset;
  return formatLocalDate(dueYear, rule.month, Math.min(rule.day, daysInMonth(dueYear, rule.month)));
}

/**
 * Which day the unit's report for year Y is due. A `report-list` rule uses the unit's row of that
 * list for year Y (with the rule's graceDays); with several rows the latest day wins, so a
 * duplicate row never makes a unit late. Without a row the fallback fixed-day rule applies.
 */
export function resolveDueDay(rule: DueRule, year: number, unitId: string, reportDeadlines: readonly ReportDeadline[]): DueDay {
  if (rule.kind === 'fixed-day') {
    return { dueDate: fixedDueDate(rule, year), graceDays: rule.graceDays, source: 'fixed-day', reportUrl: null };
  }
  const rows = reportDeadlines
    .filter((row) => row.reportListId === rule.reportListId && row.unitId === unitId && row.year === year)
    .map((row) => ({ row, day: parseReportListDay(row) }))
    .sort((a, b) => b.day.localeCompare(a.day));
  const latest = rows[0];
  if (latest === undefined) {
    const fallback = rule.fallback;
    return { dueDate: fixedDueDate(fallback, year), graceDays: fallback.graceDays, source: 'fallback', reportUrl: null };
  }
  assertGraceDays(rule.graceDays);
  return { dueDate: latest.day, graceDays: rule.graceDays, source: 'report-list', reportUrl: latest.row.url };
}

/**
 * The deadline of one unit's report for year Y: its due day, and the due instant at the END of
 * that day (24:00 in `timeZone`, default `Europe/Stockholm`) plus `graceDays` whole local days.
 * Local days are calendar days, so a grace period spanning a DST change is 23 or 25 hours longer
 * or shorter than a multiple of 24 h. Returns ISO 8601 UTC.
 */
export function computeDeadline(input: DeadlineInput): Deadline {
  const timeZone = input.timeZone ?? REPORT_TIME_ZONE;
  assertTimeZone(timeZone);
  const day = resolveDueDay(input.rule, input.year, input.unitId, input.reportDeadlines);
  return { ...day, dueAt: endOfLocalDay(day.dueDate, day.graceDays, timeZone) };
}

/**
 * computeDeadline for the units of one evaluation (one year and zone): the report-list rows indexed
 * by unit once (not scanned per report), each distinct due day's instant computed once, and each
 * rule's deadline for a unit resolved once (a unit owes several reports under one rule); the
 * returned deadlines are shared, read only.
 */
export function deadlineResolver(reportDeadlines: readonly ReportDeadline[], year: number, timeZone: string): (rule: DueRule, unitId: string) => Deadline {
  assertTimeZone(timeZone);
  const rowsByUnit = new Map<string, ReportDeadline[]>();
  for (const row of reportDeadlines) {
    const rows = rowsByUnit.get(row.unitId);
    if (rows === undefined) rowsByUnit.set(row.unitId, [row]);
    else rows.push(row);
  }
  const ends = new Map<string, string>();
  const known = new Map<DueRule, Map<string, Deadline>>();
  return (rule, unitId) => {
    let byUnit = known.get(rule);
    if (byUnit === undefined) known.set(rule, (byUnit = new Map()));
    const found = byUnit.get(unitId);
    if (found !== undefined) return found;
    const day = resolveDueDay(rule, year, unitId, rowsByUnit.get(unitId) ?? []);
    const key = `${day.dueDate}/${day.graceDays}`;
    let dueAt = ends.get(key);
    if (dueAt === undefined) ends.set(key, (dueAt = endOfLocalDay(day.dueDate, day.graceDays, timeZone)));
    const deadline = { ...day, dueAt };
    byUnit.set(unitId, deadline);
    return deadline;
  };
}

/**
 * The instant local day `date` + `graceDays` ends in `timeZone`, i.e. the start (00:00) of the
 * following local day, as ISO 8601 UTC.
 */
export function endOfLocalDay(date: string, graceDays: number, timeZone: string = REPORT_TIME_ZONE): string {
  assertTimeZone(timeZone);
  const { year, month, day } = parseLocalDate(date);
  const start = addDays(new TZDate(year, month - 1, day, timeZone), 1 + graceDays);
  return new Date(start.getTime()).toISOString();
}

/**
 * Whole local calendar days a report is overdue (or was late) at `asOf`, in `timeZone`
 * (default `Europe/Stockholm`): 0 when `asOf` is at or before `dueAt`; otherwise 1 on the local
 * day the due instant falls in, plus one per local midnight since. For the usual deadline at
 * 24:00, one second late is day 1, all of the next local day is day 1 (a report due 14 Feb 24:00
 * still missing on 15 Feb 09:00 is 1 day overdue) and 16 Feb is day 2. DST days count as one day.
 */
export function daysOverdue(dueAt: Instant, asOf: Instant, timeZone: string = REPORT_TIME_ZONE): number {
  assertTimeZone(timeZone);
  const due = toMillis(dueAt, 'dueAt');
  const at = toMillis(asOf, 'asOf');
  if (at <= due) return 0;
  return 1 + differenceInCalendarDays(at, due, { in: tz(timeZone) });
}

function parseReportListDay(row: ReportDeadline): string {
  try {
    const { year, month, day } = parseLocalDate(row.dueDate);
    return formatLocalDate(year, month, day);
  } catch (cause) {
    throw new AppError('STRATSYS_RESPONSE_INVALID', `report-list deadline is not a day: ${row.dueDate}`, {
      cause,
      details: { reportListId: row.reportListId, unitId: row.unitId, year: row.year },
    });
  }
}

function assertGraceDays(graceDays: number): void {
  if (!Number.isInteger(graceDays) || graceDays < 0) {
    throw new AppError('MAPPING_INVALID', `graceDays must be a whole number ≥ 0, got ${graceDays}`);
  }
}
