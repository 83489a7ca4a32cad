import { describe, expect, it } from 'vitest';
import type { ReportSummary } from '../../../src/domain/evaluation.js';
import { demoReport } from './fixtures.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const counts = (s: ReportSummary) => [s.expected, s.onTime, s.late, s.missing, s.notYetDue];

describe('yearly report figures (demo tenant, 2020 as of 1 March 2021)', () => {
  it('keeps the focus areas in priority order with the evaluation’s own counts, and totals that add up', () => {
    const { assessment, report } = demoReport();
    const { evaluation } = assessment;
    expect(report.actionPlan.map((g) => g.focusArea.key)).toEqual(['naringsliv', 'social-hallbarhet', 'miljo', 'utbildning', 'ovriga-insatser', 'kunskapshojande']);
    expect(report.actionPlan.map((g) => g.summary)).toEqual(evaluation.byFocusArea);
    for (const group of report.actionPlan) expect(group.rows).toHaveLength(group.summary.expected + group.summary.unknown);
    for (const i of [0, 1, 2, 3, 4]) expect(counts(report.actionPlanTotal)[i]).toBe(sum(report.actionPlan.map((g) => counts(g.summary)[i] ?? 0)));
    expect(counts(report.total)).toEqual(counts(report.actionPlanTotal).map((n, i) => n + (counts(report.projectReports.summary)[i] ?? 0)));
    expect(report.total).toEqual(evaluation.total);
    expect(report.total).toMatchObject({ expected: 32, onTime: 23, late: 1, missing: 8, shareDelivered: 75 });
  });

  it('lists every missing report in its focus area, in the project reports and in the matrix', () => {
    const { assessment, report } = demoReport();
    const missing = assessment.evaluation.reports.filter((r) => r.state === 'missing');
    expect(missing).toHaveLength(8);
    const column = (key: string | null) => report.matrix.columns.findIndex((c) => c.focusAreaKey === key);
    for (const r of missing) {
      const rows = r.type === 'project-report' ? report.projectReports.rows : report.actionPlan.find((g) => g.focusArea.key === r.focusAreaKey)?.rows;
      expect(rows?.find((row) => row.unit.unitId === r.unitId)).toMatchObject({ state: 'missing', days: r.daysOverdue });
      const cells = report.matrix.rows.find((row) => row.unit.unitId === r.unitId)?.cells;
      expect(cells?.[column(r.type === 'project-report' ? null : r.focusAreaKey)]).toBe('missing');
    }
    const cellsOf = (unitId: string) => report.matrix.rows.find((row) => row.unit.unitId === unitId)?.cells;
    expect(cellsOf('105')?.[column('miljo')]).toBe('missing');
    expect(cellsOf('103')?.[column('social-hallbarhet')]).toBe('late');
    expect(cellsOf('106')?.[column('naringsliv')]).toBe('not-owed');
    const matrixMissing = report.matrix.rows.flatMap((row) => row.cells).filter((c) => c === 'missing');
    expect(matrixMissing).toHaveLength(missing.length);
  });

  it('orders units as departments, then companies, by Swedish name', () => {
    const { report } = demoReport();
    expect(report.units.map((u) => u.unitId)).toEqual(['101', '106', '104', '105', '103', '102', '202', '201', '203', '204']);
  });

  it('compiles the year’s granted funds: sums equal the projects’ amounts and the written KPI, the missing amount is flagged', () => {
    const { assessment, report } = demoReport();
    const { funds } = report;
    const granted = assessment.view.projects.filter((p) => p.year === 2020);
    expect(funds.projects.map((p) => p.nodeId).sort()).toEqual(granted.map((p) => p.nodeId).sort());
    expect(funds.total.total).toBe(sum(granted.map((p) => p.grantedSek ?? 0)));
    expect(funds.total.total).toBe(4_890_000);
    expect(funds.total.total).toBe(assessment.values.find((v) => v.kpiId === '9007')?.value);
    expect(funds.total.projects).toBe(assessment.values.find((v) => v.kpiId === '9006')?.value);
    for (const rows of [funds.byFocusArea, funds.byUnit, funds.byFinancier, funds.byProgramme]) {
      expect(sum(rows.map((r) => r.total))).toBe(funds.total.total);
      expect(sum(rows.map((r) => r.projects))).toBe(funds.total.projects);
      for (const row of rows) expect(row.total).toBe(row.eu + row.international);
    }
    expect(funds.byFocusArea.map((r) => r.key)).toEqual(report.focusAreas.map((a) => a.key));
    expect(funds.byFinancier.map((r) => [r.key, r.total])).toEqual([
      ['eu', 3_900_000],
      ['international', 990_000],
    ]);
    expect(funds.withoutAmount.map((p) => [p.nodeId, p.unitName])).toEqual([['6014', 'Omvårdnad Gävle']]);
    expect(funds.withoutYear).toEqual([]);
  });

  it('counts activities by status and by means per focus area, and lists the knowledge-raising efforts', () => {
    const { assessment, report } = demoReport();
    const activities = assessment.view.activities;
    expect(report.activitiesByStatus.activities).toBe(activities.length);
    expect(sum(report.activitiesByStatus.totals)).toBe(activities.length);
    expect(report.activitiesByStatus.columns).toEqual(['Pågående', 'Avslutad']);
    expect(report.activitiesByMeans.columns).toEqual(['Vänortssamarbete', 'Partnerskap', 'Nätverk', 'Projekt']);
    expect(sum(report.activitiesByMeans.totals)).toBe(sum(activities.map((a) => a.meansKeys.length)));
    for (const row of report.activitiesByStatus.rows) expect(row.activities).toBe(activities.filter((a) => a.focusAreaKey === row.focusArea.key).length);
    const knowledge = activities.filter((a) => a.focusAreaKey === 'kunskapshojande');
    expect(report.knowledgeRaising.activities.map((a) => a.nodeId).sort()).toEqual(knowledge.map((a) => a.nodeId).sort());
    expect(report.knowledgeRaising.activities.every((a) => a.followUp === 'on-time')).toBe(true);
  });

  it('shows a unit whose pull failed as unknown wherever it may owe a report, outside the expected counts', () => {
    const { report } = demoReport({ failedUnitIds: ['106'] });
    const row = report.matrix.rows.find((r) => r.unit.unitId === '106');
    expect(row?.unit.isFailed).toBe(true);
    expect(row?.cells.every((cell) => cell === 'unknown')).toBe(true);
    for (const group of report.actionPlan) {
      expect(group.summary.unknown).toBe(1);
      expect(group.rows.find((r) => r.unit.unitId === '106')?.state).toBe('unknown');
    }
    expect(report.total.unknownUnitIds).toEqual(['106']);
    expect(report.total.expected).toBe(32 - 3);
  });
});

describe('yearly report edge cases', () => {
  it('flags projects without a grant year and leaves them out of every sum', () => {
    const { report } = demoReport({
      adjust: (fixture) => {
        const node = fixture.nodes.find((n) => n.id === '6010');
        if (node) delete node.descriptionFields['802'];
      },
    });
    expect(report.funds.withoutYear.map((p) => p.nodeId)).toEqual(['6010']);
    expect(report.funds.total.total).toBe(4_890_000 - 640_000);
    expect(report.funds.projects.map((p) => p.nodeId)).not.toContain('6010');
  });
});
