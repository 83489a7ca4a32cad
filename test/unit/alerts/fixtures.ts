import type { Evaluation, ExpectedReport, FocusAreaSummary, ReportState } from '../../../src/domain/evaluation.js';
import type { ProgrammeView } from '../../../src/domain/programme.js';
import type { AlertMapping, RoleHolders } from '../../../src/alerts/recipients.js';
import { AlertsSchema, OwnerSchema } from '../../../src/mapping/file/schema.js';
import { buildActivity, buildFocusArea, buildPeriod, buildUnit, buildView } from '../../support/view-builders.js';

/**
 * A small alert scenario modelled on the demo tenant: year 2020, due 2021-01-31 with 14 grace days
 * (last on-time instant 2021-02-14 24:00 Stockholm). Focus areas: naringsliv (owner by address),
 * social (owner by Stratsys role), miljo (no owner: the International Office). `day` is how many
 * local days the missing reports are overdue (0 = not yet due).
 */

export const OFFICE = 'internationella.kontoret@gavle.example';
export const EVA = 'eva.nordin@gavle.example';
export const KARIN = 'karin.holm@gavle.example';
export const DUE_AT = '2021-02-14T23:00:00.000Z';

/** The as-of instant `day` local days after the due instant (09:00 Stockholm that day). */
export function asOfForDay(day: number): string {
  return new Date(Date.parse(DUE_AT) + (day - 1) * 86_400_000 + 10 * 3_600_000).toISOString();
}

export function buildMapping(overrides: { alerts?: Record<string, unknown>; owners?: unknown[] } = {}): AlertMapping {
  const owners = overrides.owners ?? [
    { focusArea: 'naringsliv', emails: [EVA] },
    { focusArea: 'social', role: { roleId: 1, nodeId: 5002, departmentId: 1 } },
  ];
  return {
    owners: owners.map((owner) => OwnerSchema.parse(owner)),
    alerts: AlertsSchema.parse({ internationalOffice: OFFICE, ...overrides.alerts }),
    scorecards: [{ id: '50', name: 'Handlingsplan', activityColumn: { id: '503', name: null }, activityNodeType: 'Activity' }],
    projectStatements: { nodeIds: ['5009'], noneMarker: null },
  };
}

export const ROLE_HOLDERS: RoleHolders = {
  '50/1/5002/1': [{ Email: KARIN, FirstName: 'Karin', LastName: 'Holm', Username: 'karin' }],
};

export function buildScenarioView(unitNames: Record<string, string> = {}): ProgrammeView {
  const name = (id: string, fallback: string) => unitNames[id] ?? fallback;
  return buildView({
    period: buildPeriod({
      focusAreas: [
        buildFocusArea('naringsliv', 1, { name: 'Näringslivsprogram' }),
        buildFocusArea('social', 2, { name: 'Socialt hållbarhetsprogram' }),
        buildFocusArea('miljo', 3, { name: 'Miljöstrategiskt program' }),
      ],
    }),
    units: [
      buildUnit('101', { name: name('101', 'Kommunledningsförvaltningen') }),
      buildUnit('106', { name: name('106', 'Kultur och fritid') }),
      buildUnit('203', { name: name('203', 'Gävle Hamn AB'), kind: 'company' }),
    ],
    activities: [
      buildActivity('6101', '106', 'naringsliv', { name: 'Vänortsutbyte med Kiel' }),
      buildActivity('6102', '106', 'naringsliv', { name: 'Exportfrämjande nätverk' }),
      buildActivity('6201', '203', 'naringsliv', { name: 'Hamnsamarbete Östersjön' }),
    ],
  });
}

export interface ReportSpec {
  type?: ExpectedReport['type'];
  unitId: string;
  focusAreaKey?: string | null;
  /** Days overdue; 0 = not yet due. Ignored when `state` is given. */
  day?: number;
  state?: ReportState;
  unitName?: string;
  missingNodeIds?: string[];
  reportUrl?: string | null;
}

const UNIT_INFO: Record<string, { name: string; kind: ExpectedReport['unitKind'] }> = {
  '101': { name: 'Kommunledningsförvaltningen', kind: 'department' },
  '106': { name: 'Kultur och fritid', kind: 'department' },
  '203': { name: 'Gävle Hamn AB', kind: 'company' },
};

export function buildReport(spec: ReportSpec): ExpectedReport {
  const type = spec.type ?? 'action-plan-follow-up';
  const focusAreaKey = type === 'project-report' ? null : (spec.focusAreaKey ?? 'naringsliv');
  const day = spec.day ?? 1;
  const state = spec.state ?? (day >= 1 ? 'missing' : 'not-yet-due');
  const info = UNIT_INFO[spec.unitId] ?? { name: `Unit ${spec.unitId}`, kind: 'department' as const };
  return {
    id: [type, spec.unitId, 2020, ...(focusAreaKey === null ? [] : [focusAreaKey])].join('-'),
    type,
    unitId: spec.unitId,
    unitName: spec.unitName ?? info.name,
    unitKind: info.kind,
    focusAreaKey,
    year: 2020,
    state,
    dueDate: '2021-01-31',
    graceDays: 14,
    dueAt: DUE_AT,
    dueSource: 'fixed-day',
    reportUrl: spec.reportUrl ?? null,
    deliveredAt: state === 'on-time' ? '2021-01-20T10:00:00.000Z' : state === 'late' ? '2021-02-20T10:00:00.000Z' : null,
    daysLate: state === 'late' ? 6 : null,
    daysOverdue: state === 'missing' ? day : null,
    progress: { delivered: state === 'missing' ? 0 : 1, expected: 1 },
    evidence: { expectedNodeIds: spec.missingNodeIds ?? [], skippedNodeIds: [], followUps: [], missingNodeIds: state === 'missing' ? (spec.missingNodeIds ?? []) : [] },
  };
}

/** The default reports of the scenario with the missing ones `day` days overdue. */
export function scenarioReports(day: number): ExpectedReport[] {
  return [
    buildReport({ unitId: '101', focusAreaKey: 'naringsliv', state: 'on-time' }),
    buildReport({ unitId: '106', focusAreaKey: 'naringsliv', day, missingNodeIds: ['6101', '6102'] }),
    buildReport({ unitId: '203', focusAreaKey: 'naringsliv', day, missingNodeIds: ['6201'] }),
    buildReport({ unitId: '106', focusAreaKey: 'social', day }),
    buildReport({ unitId: '101', focusAreaKey: 'miljo', day }),
    buildReport({ type: 'project-report', unitId: '101', state: 'on-time' }),
    buildReport({ type: 'project-report', unitId: '106', day }),
  ];
}

export function buildEvaluation(reports: ExpectedReport[], asOf: string, focusAreaKeys = ['naringsliv', 'social', 'miljo']): Evaluation {
  return {
    year: 2020,
    asOf,
    timeZone: 'Europe/Stockholm',
    units: [],
    owingKinds: ['company', 'department'],
    reports,
    byFocusArea: focusAreaKeys.map((key) =>
      summarize(
        key,
        reports.filter((r) => r.type === 'action-plan-follow-up' && r.focusAreaKey === key),
      ),
    ),
    total: summarize('total', reports),
  };
}

function summarize(focusAreaKey: string, reports: ExpectedReport[]): FocusAreaSummary {
  const count = (state: ReportState) => reports.filter((r) => r.state === state).length;
  const expected = reports.length - count('unknown');
  const delivered = count('on-time') + count('late');
  return {
    focusAreaKey,
    expected,
    onTime: count('on-time'),
    late: count('late'),
    missing: count('missing'),
    notYetDue: count('not-yet-due'),
    unknown: count('unknown'),
    unknownUnitIds: [],
    shareDelivered: expected === 0 ? null : Math.round((delivered / expected) * 1000) / 10,
  };
}
