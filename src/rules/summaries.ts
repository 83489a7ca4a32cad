import type { ExpectedReport, FocusAreaSummary, ReportSummary } from '../domain/evaluation.js';
import type { FocusArea } from '../domain/programme.js';
import { sortedUniqueIds } from './order.js';
import { sortFocusAreas } from './units.js';

/**
 * `delivered / expected` as a percentage 0–100 with one decimal, rounded half up (12.5 stays
 * 12.5, 1/16 = 6.25 → 6.3). Null when nothing is expected: there is no share to report.
 * Integer arithmetic first, so 2/3 is exactly 66.7 and never 66.69999….
 */
export function sharePercent(delivered: number, expected: number): number | null {
  if (expected <= 0) return null;
  return Math.round((delivered * 1000) / expected) / 10;
}

/** Counts a group of expected reports by state; `unknown` entries stay outside `expected`. */
export function summarizeReports(reports: readonly ExpectedReport[]): ReportSummary {
  const count = (state: ExpectedReport['state']): number => reports.filter((report) => report.state === state).length;
  const onTime = count('on-time');
  const late = count('late');
  const missing = count('missing');
  const notYetDue = count('not-yet-due');
  const unknown = reports.filter((report) => report.state === 'unknown');
  const expected = onTime + late + missing + notYetDue;
  return {
    expected,
    onTime,
    late,
    missing,
    notYetDue,
    unknown: unknown.length,
    unknownUnitIds: sortedUniqueIds(unknown.map((report) => report.unitId)),
    shareDelivered: sharePercent(onTime + late, expected),
  };
}

/**
 * Action-plan follow-ups per focus area, in programme order. A failed unit's single `unknown`
 * action-plan entry (focus area null) counts as unknown in every focus area.
 */
export function summarizeByFocusArea(reports: readonly ExpectedReport[], focusAreas: readonly FocusArea[]): FocusAreaSummary[] {
  const actionPlan = reports.filter((report) => report.type === 'action-plan-follow-up');
  return sortFocusAreas(focusAreas).map((area) => ({
    focusAreaKey: area.key,
    ...summarizeReports(actionPlan.filter((report) => report.focusAreaKey === area.key || (report.state === 'unknown' && report.focusAreaKey === null))),
  }));
}
