import type { Evaluation, ExpectedReport } from '../domain/evaluation.js';
import { REPORT } from '../domain/glossary-report.js';
import type { UnitKind } from '../domain/programme.js';
import { compareIds } from '../shared/ids.js';
import { compareSwedish } from '../rules/order.js';
import { summarizeReports } from '../rules/summaries.js';
import { focusAreaLabel } from './labels.js';
import type { DeliveryMatrix, DeliveryRow, FocusAreaDeliveries, YearReport } from './model.js';
import type { CellState, ReportFocusArea, ReportUnit } from './model-parts.js';

const KIND_ORDER: Record<UnitKind, number> = { department: 0, company: 1, other: 2 };

/** The units that owe reports: departments, then companies, then others; by name (sv), then id. */
export function toReportUnits(evaluation: Evaluation): ReportUnit[] {
  return evaluation.units
    .map((unit) => ({ unitId: unit.unitId, unitName: unit.unitName, unitKind: unit.unitKind, isFailed: unit.isFailed }))
    .sort((a, b) => KIND_ORDER[a.unitKind] - KIND_ORDER[b.unitKind] || compareSwedish(a.unitName, b.unitName) || compareIds(a.unitId, b.unitId));
}

/** Reports indexed by unit and group (`<unitId>|<focusAreaKey>`, `#project`, `#any`; keys never hold `#`), plus the unit order. */
class ReportIndex {
  private readonly byKey = new Map<string, ExpectedReport>();
  private readonly unitById: Map<string, ReportUnit>;
  private readonly order: Map<string, number>;

  constructor(evaluation: Evaluation, units: readonly ReportUnit[]) {
    for (const report of evaluation.reports) {
      const group = report.type === 'project-report' ? '#project' : report.focusAreaKey;
      // A failed unit's single action-plan entry has no focus area: it stands for every focus area.
      this.byKey.set(`${report.unitId}|${group ?? '#any'}`, report);
    }
    this.unitById = new Map(units.map((unit) => [unit.unitId, unit]));
    this.order = new Map(units.map((unit, index) => [unit.unitId, index]));
  }

  /** The unit's report in a focus area (null: the project report), or its focus-less `unknown` entry. */
  find(unitId: string, focusAreaKey: string | null): ExpectedReport | undefined {
    if (focusAreaKey === null) return this.byKey.get(`${unitId}|#project`);
    return this.byKey.get(`${unitId}|${focusAreaKey}`) ?? this.byKey.get(`${unitId}|#any`);
  }

  unit(report: ExpectedReport): ReportUnit {
    return this.unitById.get(report.unitId) ?? { unitId: report.unitId, unitName: report.unitName, unitKind: report.unitKind, isFailed: report.state === 'unknown' };
  }

  compare(a: ExpectedReport, b: ExpectedReport): number {
    return (this.order.get(a.unitId) ?? Number.MAX_SAFE_INTEGER) - (this.order.get(b.unitId) ?? Number.MAX_SAFE_INTEGER) || compareIds(a.unitId, b.unitId);
  }
}

function toRow(report: ExpectedReport, unit: ReportUnit): DeliveryRow {
  const followUps = report.evidence.followUps;
  return {
    unit,
    state: report.state,
    deliveredAt: report.deliveredAt,
    dueDate: report.dueDate,
    dueAt: report.dueAt,
    days: report.state === 'late' ? report.daysLate : report.state === 'missing' ? report.daysOverdue : null,
    progress: report.progress,
    isNoneStatement: report.type === 'project-report' && followUps.length > 0 && followUps.every((f) => f.isNone),
    reportUrl: report.reportUrl,
  };
}

function rowsOf(reports: ExpectedReport[], index: ReportIndex): DeliveryRow[] {
  return [...reports].sort((a, b) => index.compare(a, b)).map((report) => toRow(report, index.unit(report)));
}

type DeliveryPart = Pick<YearReport, 'actionPlan' | 'actionPlanTotal' | 'projectReports' | 'total' | 'matrix'>;

/**
 * Who delivered what: per focus area (priority order) every unit that owes a follow-up there, a
 * failed unit as `unknown` in every focus area (as the evaluation's summaries count it); the
 * project reports; and the unit × focus-area matrix.
 */
export function buildDeliveries(evaluation: Evaluation, focusAreas: readonly ReportFocusArea[], units: readonly ReportUnit[]): DeliveryPart {
  const index = new ReportIndex(evaluation, units);
  const actionPlan = evaluation.reports.filter((r) => r.type === 'action-plan-follow-up');
  const failedEntries = actionPlan.filter((r) => r.state === 'unknown' && r.focusAreaKey === null);
  const summaries = new Map(evaluation.byFocusArea.map((s) => [s.focusAreaKey, s]));
  const byArea: FocusAreaDeliveries[] = focusAreas.map((focusArea) => {
    const reports = [...actionPlan.filter((r) => r.focusAreaKey === focusArea.key), ...failedEntries];
    return { focusArea, summary: summaries.get(focusArea.key) ?? summarizeReports(reports), rows: rowsOf(reports, index) };
  });
  const projects = evaluation.reports.filter((r) => r.type === 'project-report');
  return {
    actionPlan: byArea,
    actionPlanTotal: summarizeReports(actionPlan),
    projectReports: { summary: summarizeReports(projects), rows: rowsOf(projects, index) },
    total: evaluation.total,
    matrix: buildMatrix(index, focusAreas, units),
  };
}

function buildMatrix(index: ReportIndex, focusAreas: readonly ReportFocusArea[], units: readonly ReportUnit[]): DeliveryMatrix {
  const columns = [...focusAreas.map((area) => ({ focusAreaKey: area.key as string | null, label: focusAreaLabel(area) })), { focusAreaKey: null, label: REPORT.deliveries.projectReportColumn }];
  const cell = (unit: ReportUnit, key: string | null): CellState => index.find(unit.unitId, key)?.state ?? 'not-owed';
  return { columns, rows: units.map((unit) => ({ unit, cells: columns.map((column) => cell(unit, column.focusAreaKey)) })) };
}
