import type { ObligationRules, ReportType } from '../domain/obligations.js';
import type { FocusArea, OrgUnit, ProgrammePeriod, UnitKind } from '../domain/programme.js';
import { AppError } from '../shared/errors.js';
import { compareIds, safeIdPart } from '../shared/ids.js';
import { compareSwedish } from './order.js';

/** Orders units by name (Swedish collation), then id. */
export function compareUnits(a: OrgUnit, b: OrgUnit): number {
  return compareSwedish(a.name, b.name) || compareIds(a.id, b.id);
}

/** Throws MAPPING_NO_PERIOD unless `year` lies within the period (inclusive). */
export function assertYearInPeriod(period: ProgrammePeriod, year: number): void {
  if (!Number.isInteger(year) || year < period.startYear || year > period.endYear) {
    throw new AppError('MAPPING_NO_PERIOD', `period ${period.id} covers ${period.startYear}–${period.endYear}, not ${year}`, {
      details: { periodId: period.id, year },
    });
  }
}

/**
 * Whether the unit takes part in the programme in `year`: within the period and within its own
 * activeFrom..activeTo (inclusive; null = the period's start / end).
 */
export function isUnitActiveInYear(unit: OrgUnit, period: ProgrammePeriod, year: number): boolean {
  const from = Math.max(unit.activeFrom ?? period.startYear, period.startYear);
  const to = Math.min(unit.activeTo ?? period.endYear, period.endYear);
  return year >= from && year <= to;
}

/**
 * The unit kinds that owe reports: those of one report type's rule, or of both rules when
 * `reportType` is null. A type without a rule owes nothing.
 */
export function kindsOwingReports(rules: ObligationRules, reportType: ReportType | null): Set<UnitKind> {
  const kinds = new Set<UnitKind>();
  if (reportType !== 'project-report') rules.actionPlanFollowUp?.appliesTo.forEach((kind) => kinds.add(kind));
  if (reportType !== 'action-plan-follow-up') rules.projectReport?.appliesTo.forEach((kind) => kinds.add(kind));
  return kinds;
}

/** Units active in `year` whose kind is in `kinds`, sorted by name (Swedish), then id. */
export function selectUnits(units: readonly OrgUnit[], kinds: ReadonlySet<UnitKind>, period: ProgrammePeriod, year: number): OrgUnit[] {
  return units.filter((unit) => kinds.has(unit.kind) && isUnitActiveInYear(unit, period, year)).sort(compareUnits);
}

/** Focus areas in programme order: priority (1 first), then key. */
export function sortFocusAreas(focusAreas: readonly FocusArea[]): FocusArea[] {
  return [...focusAreas].sort((a, b) => a.priority - b.priority || compareIds(a.key, b.key));
}

/**
 * A key usable as a Redis key or BullMQ job id: the parts, each made a `safeIdPart` (every
 * character outside `[A-Za-z0-9._-]` becomes `_`, so never a colon), joined by `-`.
 */
export function toDeterministicId(parts: ReadonlyArray<string | number>): string {
  return parts.map((part) => safeIdPart(part)).join('-');
}
