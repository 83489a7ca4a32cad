import type { ReportFocusArea, YearReport } from './model.js';

/**
 * The programme period (e.g. 2018–2020) as the basis for the programme's revision: one column per
 * year, built from the yearly reports themselves, so every figure equals the year's report. Pure.
 */

/** One focus area's figures in one year. */
export interface TrendPoint {
  year: number;
  /** Share delivered in percent (0–100, one decimal), null when nothing was expected. */
  share: number | null;
  expected: number;
  late: number;
  missing: number;
  unknown: number;
  projects: number;
  grantedSek: number;
}

/** The period's compilation. */
export interface PeriodReport {
  programme: YearReport['programme'];
  years: number[];
  asOf: string;
  timeZone: string;
  generatedAt: string;
  focusAreas: ReportFocusArea[];
  /** Per focus area (priority order), one point per year. */
  trend: Array<{ focusArea: ReportFocusArea; points: TrendPoint[] }>;
  /** All focus areas together per year (action-plan follow-ups; projects and funds of every project). */
  total: TrendPoint[];
  /** The yearly reports, in year order. */
  reports: YearReport[];
}

function point(report: YearReport, focusAreaKey: string | null): TrendPoint {
  const summary = focusAreaKey === null ? report.actionPlanTotal : report.actionPlan.find((g) => g.focusArea.key === focusAreaKey)?.summary;
  const funds = focusAreaKey === null ? report.funds.total : report.funds.byFocusArea.find((r) => r.key === focusAreaKey);
  return {
    year: report.year,
    share: summary?.shareDelivered ?? null,
    expected: summary?.expected ?? 0,
    late: summary?.late ?? 0,
    missing: summary?.missing ?? 0,
    unknown: summary?.unknown ?? 0,
    projects: funds?.projects ?? 0,
    grantedSek: funds?.total ?? 0,
  };
}

/** The period report from the yearly reports (one per year, same programme), in year order. */
export function buildPeriodReport(reports: readonly YearReport[], generatedAt: string): PeriodReport {
  const sorted = [...reports].sort((a, b) => a.year - b.year);
  const first = sorted[0];
  if (first === undefined) throw new Error('buildPeriodReport needs at least one yearly report');
  return {
    programme: first.programme,
    years: sorted.map((r) => r.year),
    asOf: first.asOf,
    timeZone: first.timeZone,
    generatedAt,
    focusAreas: first.focusAreas,
    trend: first.focusAreas.map((focusArea) => ({ focusArea, points: sorted.map((r) => point(r, focusArea.key)) })),
    total: sorted.map((r) => point(r, null)),
    reports: sorted,
  };
}
