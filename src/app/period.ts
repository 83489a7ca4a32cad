import { TZDate } from '@date-fns/tz';
import { selectPeriod } from '../mapping/file/load.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { defaultYear, resolveAsOf } from '../shared/as-of.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { localDateTime } from '../shared/local-time.js';

/**
 * The one policy for the reported year, the as-of instant and the programme, used by every entry
 * point (CLI commands, jobs, the admin HTTP and the status page):
 *
 * - year: the request (`--year`, a job payload, `?year=`) > `SYNC_YEAR` > the year of the stored
 *   pull (only for commands that read stored data) > the year before the as-of instant;
 * - as-of: the request (`--as-of`, a payload) > `SYNC_AS_OF` > the as-of of the stored pull (only
 *   for readers) > now;
 * - programme: the mapping file whose period covers the year (MAPPING_NO_PERIOD otherwise).
 *
 * A year evaluated long after its reports were due counts every missing report as years overdue.
 * When the as-of instant was not asked for (it is "now") and the year lies two or more calendar
 * years before it, commands that write or send are refused with PERIOD_IMPLAUSIBLE; readers get a
 * warning. With an explicit as-of the combination is allowed, with a warning.
 */

/** Where a value came from (shown in messages). */
export type PeriodSource = 'request' | 'environment' | 'stored pull' | 'default';

/** What the caller asked for: flags, a job payload or a query string. */
export interface PeriodRequest {
  year?: number | undefined;
  /** `yyyy-MM-dd` (00:00 in the report time zone) or an ISO 8601 instant. */
  asOf?: string | undefined;
}

/** The settings the policy reads (a Config fits). */
export interface PeriodSettings {
  SYNC_YEAR?: number | undefined;
  SYNC_AS_OF?: string | undefined;
  REPORT_TIME_ZONE: string;
}

/** The period of the run that made a stored pull (TenantData.period). */
export interface StoredPeriod {
  year: number;
  asOf: string;
  programmeId?: string | undefined;
}

/** Readers (report, preview, status page, dry runs) only warn; writers (runs, syncs, re-runs) refuse an implausible period. */
export type PeriodPurpose = 'read' | 'write';

export interface PeriodInput {
  settings: PeriodSettings;
  clock: Clock;
  mappings: readonly ProgrammeMapping[];
  /** The stored pull's period: given only by commands that read the stored pull instead of pulling. */
  stored?: StoredPeriod | null | undefined;
  purpose: PeriodPurpose;
}

/** The decided year, as-of instant and programme, with where each came from. */
export interface ResolvedPeriod {
  year: number;
  /** ISO 8601 instant (UTC). */
  asOf: string;
  mapping: ProgrammeMapping;
  yearSource: PeriodSource;
  asOfSource: PeriodSource;
  /** Sentences for people (stderr, logs): the period is allowed but unusual. */
  warnings: string[];
}

/** Year and as-of without the programme (for callers that only need the numbers). */
export function resolveYearAndAsOf(request: PeriodRequest, input: Omit<PeriodInput, 'mappings'>): Omit<ResolvedPeriod, 'mapping' | 'warnings'> {
  const { settings, clock } = input;
  const stored = input.stored ?? null;
  const tz = settings.REPORT_TIME_ZONE;
  const [asOfText, asOfSource]: [string | undefined, PeriodSource] =
    request.asOf !== undefined ? [request.asOf, 'request'] : settings.SYNC_AS_OF !== undefined ? [settings.SYNC_AS_OF, 'environment'] : stored ? [stored.asOf, 'stored pull'] : [undefined, 'default'];
  const asOf = resolveAsOf(asOfText, clock, tz);
  const [year, yearSource]: [number, PeriodSource] =
    request.year !== undefined
      ? [request.year, 'request']
      : settings.SYNC_YEAR !== undefined
        ? [settings.SYNC_YEAR, 'environment']
        : stored
          ? [stored.year, 'stored pull']
          : [defaultYear(asOf, tz), 'default'];
  return { year, asOf, yearSource, asOfSource };
}

/** Decides year, as-of and programme (see the module comment); throws MAPPING_NO_PERIOD or PERIOD_IMPLAUSIBLE. */
export function resolvePeriod(request: PeriodRequest, input: PeriodInput): ResolvedPeriod {
  const decided = resolveYearAndAsOf(request, input);
  const warnings = plausibility(decided, input);
  return { ...decided, mapping: selectPeriod(input.mappings, decided.year), warnings };
}

/** Whole calendar years between the reported year and the as-of instant's local year. */
export function yearsAfter(year: number, asOf: string, timeZone: string): number {
  return new TZDate(Date.parse(asOf), timeZone).getFullYear() - year;
}

function plausibility(period: Omit<ResolvedPeriod, 'mapping' | 'warnings'>, input: PeriodInput): string[] {
  const tz = input.settings.REPORT_TIME_ZONE;
  const gap = yearsAfter(period.year, period.asOf, tz);
  const when = `${localDateTime(period.asOf, tz)} (${tz})`;
  if (gap < 0) return [`the year ${period.year} is evaluated as of ${when}, before it began: no report is due yet`];
  if (gap < 2) return [];
  const what = `the year ${period.year} (${sourceText(period.yearSource, 'SYNC_YEAR')}) evaluated as of ${when}`;
  if (period.asOfSource === 'default' && input.purpose === 'write') {
    throw new AppError(
      'PERIOD_IMPLAUSIBLE',
      `${what}, now, ${gap} years later: every missing report would count as years overdue and owners would be alerted about it. ` +
        `Give the instant to evaluate it as of (--as-of ${period.year + 1}-03-01, or SYNC_AS_OF), or a recent year.`,
      { details: { year: period.year, asOf: period.asOf } },
    );
  }
  return [`${what}, ${gap} years later: missing reports count as years overdue`];
}

function sourceText(source: PeriodSource, variable: string): string {
  if (source === 'environment') return `from ${variable}`;
  if (source === 'request') return 'as asked';
  return source === 'stored pull' ? 'of the stored pull' : 'by default';
}

/** One line for people: `2020 as of 2021-03-01 00:00 (Europe/Stockholm) · programme gavle-2018-2020`. */
export function describePeriod(period: Pick<ResolvedPeriod, 'year' | 'asOf'> & { mapping: Pick<ProgrammeMapping, 'id' | 'name'> }, timeZone: string): string {
  return `${period.year} as of ${localDateTime(period.asOf, timeZone)} (${timeZone}) · programme ${period.mapping.name}`;
}
