import { describe, expect, it } from 'vitest';
import type { ObligationRules } from '../../../src/domain/obligations.js';
import type { ProgrammeView } from '../../../src/domain/programme.js';
import { evaluateReports } from '../../../src/rules/expected-reports.js';
import { buildActivity, buildFixedDay, buildRules, buildStatement, buildUnit, buildView, withFollowUps } from '../../support/view-builders.js';

/** Demo rule: due 31 Jan 2021 + 14 grace days → last on-time instant 14 Feb 2021 24:00 CET. */
const DUE = '2021-02-14T23:00:00.000Z';
const BEFORE = '2021-02-14T22:59:59.000Z';
const AFTER = '2021-02-14T23:00:01.000Z';
const LATER = '2021-03-01T12:00:00.000Z';
const JAN = '2021-01-15T09:00:00.000Z';

const evaluate = (view: ProgrammeView, asOf: string, rules: ObligationRules = buildRules(), year = 2020) => evaluateReports({ view, rules, year, asOf });

const onlyActionPlan = (overrides: Partial<NonNullable<ObligationRules['actionPlanFollowUp']>> = {}): ObligationRules =>
  buildRules({
    projectReport: null,
    actionPlanFollowUp: { appliesTo: ['department', 'company'], evidence: 'all-activities', skipStatusKinds: [], due: buildFixedDay(), ...overrides },
  });

describe('evaluateReports: state at the exact due instant (Stockholm)', () => {
  it.each([
    ['posted one second before', BEFORE, 'on-time', null],
    ['posted exactly at the due instant', DUE, 'on-time', null],
    ['posted one second after', AFTER, 'late', 1],
    ['posted 09:00 the next morning', '2021-02-15T08:00:00.000Z', 'late', 1],
    ['posted two weeks later', '2021-02-28T10:00:00.000Z', 'late', 14],
  ])('%s → %s', (_case, postedAt, state, daysLate) => {
    const view = buildView({ units: [buildUnit('101')], activities: [withFollowUps(buildActivity('6001', '101', 'miljo'), [postedAt])] });
    const [report] = evaluate(view, LATER, onlyActionPlan()).reports;
    expect(report).toMatchObject({ state, daysLate, daysOverdue: null, deliveredAt: new Date(postedAt).toISOString(), dueAt: DUE });
  });

  it.each([
    ['as of one second before', BEFORE, 'not-yet-due', null],
    ['as of the due instant', DUE, 'not-yet-due', null],
    ['as of one second after', AFTER, 'missing', 1],
    ['as of 09:00 the next morning', '2021-02-15T08:00:00.000Z', 'missing', 1],
    ['as of the second day after', '2021-02-15T23:00:00.000Z', 'missing', 2],
  ])('not delivered, %s → %s', (_case, asOf, state, daysOverdue) => {
    const view = buildView({ units: [buildUnit('101')], activities: [buildActivity('6001', '101', 'miljo')] });
    const [report] = evaluate(view, asOf, onlyActionPlan()).reports;
    expect(report).toMatchObject({ state, daysOverdue, daysLate: null, deliveredAt: null });
  });

  it('ignores follow-ups posted after the as-of instant and follow-ups for another year', () => {
    const activity = withFollowUps(withFollowUps(buildActivity('6001', '101', 'miljo'), [JAN], 2019), [LATER]);
    const view = buildView({ units: [buildUnit('101')], activities: [activity] });
    const [report] = evaluate(view, '2021-02-01T00:00:00Z', onlyActionPlan()).reports;
    expect(report).toMatchObject({ state: 'not-yet-due', progress: { delivered: 0, expected: 1 } });
    expect(report?.evidence.followUps).toEqual([]);
  });

  it('reads the due day across the spring DST change', () => {
    const rules = onlyActionPlan({ due: buildFixedDay({ month: 3, day: 27, graceDays: 0 }) });
    const at = (postedAt: string) =>
      evaluate(buildView({ units: [buildUnit('101')], activities: [withFollowUps(buildActivity('6001', '101', 'miljo'), [postedAt])] }), '2021-04-01T00:00:00Z', rules).reports[0]?.state;
    expect(at('2021-03-27T22:59:59Z')).toBe('on-time'); // 23:59:59 CET on 27 March
    expect(at('2021-03-27T23:30:00Z')).toBe('late'); // 00:30 CET on 28 March
  });
});

describe('evaluateReports: evidence', () => {
  const twoActivities = (aPosted: string[], bPosted: string[]) =>
    buildView({
      units: [buildUnit('101')],
      activities: [withFollowUps(buildActivity('6001', '101', 'miljo'), aPosted), withFollowUps(buildActivity('6002', '101', 'miljo'), bPosted)],
    });

  it.each([
    ['all-activities, both posted: delivered at the later one', 'all-activities', [JAN], [AFTER], 'late', AFTER, []],
    ['any-activity, both posted: delivered at the earlier one', 'any-activity', [JAN], [AFTER], 'on-time', JAN, []],
    ['all-activities, one missing', 'all-activities', [JAN], [], 'missing', null, ['6002']],
    ['any-activity, one missing is enough', 'any-activity', [JAN], [], 'on-time', JAN, ['6002']],
    ['earliest follow-up per activity counts', 'all-activities', [LATER, JAN], [BEFORE], 'on-time', BEFORE, []],
  ] as const)('%s', (_case, evidence, aPosted, bPosted, state, deliveredAt, missingNodeIds) => {
    const [report] = evaluate(twoActivities([...aPosted], [...bPosted]), LATER, onlyActionPlan({ evidence })).reports;
    expect(report).toMatchObject({ state, deliveredAt: deliveredAt && new Date(deliveredAt).toISOString() });
    expect(report?.evidence.missingNodeIds).toEqual(missingNodeIds);
    expect(report?.evidence.expectedNodeIds).toEqual(['6001', '6002']);
  });

  it('lists the counted follow-ups with comment ids and instants, sorted by instant', () => {
    const [report] = evaluate(twoActivities([LATER, AFTER], [JAN]), LATER, onlyActionPlan()).reports;
    expect(report?.evidence.followUps).toEqual([
      { kind: 'activity-follow-up', commentId: '6002-c1', nodeId: '6002', postedAt: new Date(JAN).toISOString(), isNone: false },
      { kind: 'activity-follow-up', commentId: '6001-c2', nodeId: '6001', postedAt: new Date(AFTER).toISOString(), isNone: false },
    ]);
  });

  it('reports partial progress while not yet due', () => {
    const [report] = evaluate(twoActivities([JAN], []), '2021-02-01T00:00:00Z', onlyActionPlan()).reports;
    expect(report).toMatchObject({ state: 'not-yet-due', progress: { delivered: 1, expected: 2 } });
    expect(report?.evidence.missingNodeIds).toEqual(['6002']);
  });

  it.each([
    ['a skipped status is not expected', ['finished'], 'finished', ['6002'], ['6001'], 'on-time'],
    ['an activity without status is expected', ['finished'], null, [], ['6001', '6002'], 'missing'],
    ['other status kinds are expected', ['finished'], 'ongoing', [], ['6001', '6002'], 'missing'],
  ] as const)('skipStatusKinds: %s', (_case, skipStatusKinds, statusKind, skipped, expected, state) => {
    const view = buildView({
      units: [buildUnit('101')],
      activities: [withFollowUps(buildActivity('6001', '101', 'miljo'), [JAN]), buildActivity('6002', '101', 'miljo', { statusKind })],
    });
    const [report] = evaluate(view, LATER, onlyActionPlan({ skipStatusKinds: [...skipStatusKinds] })).reports;
    expect(report).toMatchObject({ state, evidence: { skippedNodeIds: skipped, expectedNodeIds: expected } });
  });

  it('owes nothing for a focus area whose every activity is skipped', () => {
    const view = buildView({ units: [buildUnit('101')], activities: [buildActivity('6001', '101', 'miljo', { statusKind: 'not-started' })] });
    expect(evaluate(view, LATER, onlyActionPlan({ skipStatusKinds: ['not-started'] })).reports).toEqual([]);
  });
});

describe('evaluateReports: who owes what', () => {
  it.each([
    ['active all period', null, null, 2020, 2],
    ['joined 2019, evaluating 2018', 2019, null, 2018, 0],
    ['joined 2019, evaluating 2019', 2019, null, 2019, 2],
    ['left after 2019, evaluating 2019', null, 2019, 2019, 2],
    ['left after 2019, evaluating 2020', null, 2019, 2020, 0],
    ['activeFrom before the period start', 2010, null, 2018, 2],
  ])('%s', (_case, activeFrom, activeTo, year, count) => {
    const view = buildView({
      units: [buildUnit('204', { activeFrom, activeTo })],
      activities: [buildActivity('6001', '204', 'miljo')],
    });
    expect(evaluate(view, LATER, buildRules(), year).reports).toHaveLength(count);
  });

  it('a unit with no activities owes only the project report', () => {
    const view = buildView({ units: [buildUnit('106')] });
    expect(evaluate(view, LATER).reports.map((report) => report.id)).toEqual(['project-report-106-2020']);
  });

  it('a unit kind outside appliesTo owes nothing', () => {
    const view = buildView({ units: [buildUnit('12', { kind: 'other' })], activities: [buildActivity('6001', '12', 'miljo')] });
    expect(evaluate(view, LATER)).toMatchObject({ reports: [], units: [] });
  });

  it('lists the owing units with the report types that apply to them', () => {
    const rules = buildRules({ projectReport: { appliesTo: ['company'], evidence: 'statement', due: buildFixedDay() } });
    const view = buildView({ units: [buildUnit('201', { kind: 'company', name: 'Bolag' }), buildUnit('101', { name: 'Förvaltning' })], failedUnitIds: ['201'] });
    expect(evaluate(view, LATER, rules).units).toEqual([
      { unitId: '201', unitName: 'Bolag', unitKind: 'company', reportTypes: ['action-plan-follow-up', 'project-report'], isFailed: true },
      { unitId: '101', unitName: 'Förvaltning', unitKind: 'department', reportTypes: ['action-plan-follow-up'], isFailed: false },
    ]);
  });

  it('owes nothing without rules', () => {
    const view = buildView({ units: [buildUnit('101')], activities: [buildActivity('6001', '101', 'miljo')] });
    expect(evaluate(view, LATER, { actionPlanFollowUp: null, projectReport: null }).total).toMatchObject({ expected: 0, shareDelivered: null });
  });

  it('rejects a year outside the period', () => {
    expect(() => evaluate(buildView(), LATER, buildRules(), 2021)).toThrow(expect.objectContaining({ code: 'MAPPING_NO_PERIOD' }));
  });

  it('rejects an unparseable as-of instant', () => {
    expect(() => evaluate(buildView(), 'now')).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});

describe('evaluateReports: project reports', () => {
  const projectActivity = withFollowUps(
    buildActivity('6010', '101', 'naringsliv', {
      project: { nodeId: '6010', name: 'P', unitId: '101', focusAreaKey: 'naringsliv', financier: 'eu', financierName: null, grantedSek: 1, grantedText: '1', year: 2020 },
    }),
    [JAN],
  );
  const rules = (evidence: 'statement' | 'statement-or-project-follow-up') => buildRules({ actionPlanFollowUp: null, projectReport: { appliesTo: ['department'], evidence, due: buildFixedDay() } });

  it.each([
    ['an explicit "no projects" statement delivers', [buildStatement('101', JAN, { isNone: true })], 'statement', 'on-time', true],
    ['a statement for another year does not', [buildStatement('101', JAN, { year: 2019 })], 'statement', 'missing', null],
    ['a project follow-up does not count with `statement`', [], 'statement', 'missing', null],
    ['a project follow-up counts with `statement-or-project-follow-up`', [], 'statement-or-project-follow-up', 'on-time', false],
    ['a late statement is late', [buildStatement('101', AFTER)], 'statement', 'late', false],
  ] as const)('%s', (_case, statements, evidence, state, isNone) => {
    const view = buildView({ units: [buildUnit('101')], activities: [projectActivity], projectStatements: [...statements] });
    const [report] = evaluate(view, LATER, rules(evidence)).reports;
    expect(report).toMatchObject({ type: 'project-report', focusAreaKey: null, state, progress: { expected: 1 } });
    expect(report?.evidence.followUps[0]?.isNone ?? null).toBe(isNone);
  });

  it('takes the earliest of statement and project follow-up', () => {
    const view = buildView({ units: [buildUnit('101')], activities: [projectActivity], projectStatements: [buildStatement('101', AFTER)] });
    const [report] = evaluate(view, LATER, rules('statement-or-project-follow-up')).reports;
    expect(report?.evidence.followUps.map((f) => f.kind)).toEqual(['project-follow-up', 'project-statement']);
    expect(report).toMatchObject({ state: 'on-time', deliveredAt: new Date(JAN).toISOString() });
  });
});

describe('evaluateReports: failed units, ids, order and summaries', () => {
  const view = buildView({
    units: [buildUnit('105', { name: 'Östra förvaltningen' }), buildUnit('102', { name: 'Ängsbyn' }), buildUnit('101', { name: 'Zeta' }), buildUnit('x:1', { name: 'Alfa', kind: 'company' })],
    activities: [
      withFollowUps(buildActivity('6001', '101', 'miljo'), [JAN]),
      buildActivity('6002', '102', 'miljo'),
      withFollowUps(buildActivity('6003', '102', 'naringsliv'), [AFTER]),
      buildActivity('6004', '105', 'naringsliv'),
    ],
    projectStatements: [buildStatement('101', JAN, { isNone: true })],
    failedUnitIds: ['x:1'],
  });
  const evaluation = evaluate(view, '2021-02-20T12:00:00Z');

  it('sorts by focus-area priority, unit name (sv: Z < Ä < Ö), then type; ids have no colon', () => {
    expect(evaluation.reports.map((r) => [r.id, r.state])).toEqual([
      ['action-plan-follow-up-102-2020-naringsliv', 'late'],
      ['action-plan-follow-up-105-2020-naringsliv', 'missing'],
      ['action-plan-follow-up-101-2020-miljo', 'on-time'],
      ['action-plan-follow-up-102-2020-miljo', 'missing'],
      ['action-plan-follow-up-x_1-2020', 'unknown'],
      ['project-report-x_1-2020', 'unknown'],
      ['project-report-101-2020', 'on-time'],
      ['project-report-102-2020', 'missing'],
      ['project-report-105-2020', 'missing'],
    ]);
  });

  it('gives a failed unit one unknown action-plan entry without focus area and an unknown project report', () => {
    const unknown = evaluation.reports.filter((r) => r.unitId === 'x:1');
    expect(unknown).toEqual([
      expect.objectContaining({ type: 'action-plan-follow-up', focusAreaKey: null, state: 'unknown', deliveredAt: null, dueAt: DUE }),
      expect.objectContaining({ type: 'project-report', focusAreaKey: null, state: 'unknown', progress: { delivered: 0, expected: 0 } }),
    ]);
  });

  it('summarises per focus area (failed units unknown in each) and in total', () => {
    const unknown = { unknown: 1, unknownUnitIds: ['x:1'] };
    expect(evaluation.byFocusArea).toEqual([
      { focusAreaKey: 'naringsliv', expected: 2, onTime: 0, late: 1, missing: 1, notYetDue: 0, ...unknown, shareDelivered: 50 },
      { focusAreaKey: 'social', expected: 0, onTime: 0, late: 0, missing: 0, notYetDue: 0, ...unknown, shareDelivered: null },
      { focusAreaKey: 'miljo', expected: 2, onTime: 1, late: 0, missing: 1, notYetDue: 0, ...unknown, shareDelivered: 50 },
    ]);
    expect(evaluation.total).toEqual({
      expected: 7,
      onTime: 2,
      late: 1,
      missing: 4,
      notYetDue: 0,
      unknown: 2,
      unknownUnitIds: ['x:1'],
      shareDelivered: 42.9,
    });
  });

  it('records the year, as-of instant and time zone', () => {
    expect(evaluation).toMatchObject({ year: 2020, asOf: '2021-02-20T12:00:00.000Z', timeZone: 'Europe/Stockholm' });
  });

  it('sorts a focus area outside the period after the known ones, before focus-less entries', () => {
    const stray = { ...view, activities: [...view.activities, buildActivity('6009', '101', 'okand')], failedUnitIds: [] };
    const order = evaluate(stray, '2021-02-20T12:00:00Z').reports.map((r) => r.focusAreaKey);
    expect(order).toEqual(['naringsliv', 'naringsliv', 'miljo', 'miljo', 'okand', null, null, null, null]);
  });

  it('is deterministic whatever the input order', () => {
    const shuffled = { ...view, units: [...view.units].reverse(), activities: [...view.activities].reverse() };
    expect(evaluate(shuffled, '2021-02-20T12:00:00Z')).toEqual(evaluation);
  });
});

describe('evaluateReports: report-list deadlines', () => {
  it('uses the unit row and carries the report url', () => {
    const rules = onlyActionPlan({
      due: { kind: 'report-list', reportListId: '910', user: '900', graceDays: 0, fallback: buildFixedDay() },
    });
    const view = buildView({
      units: [buildUnit('101'), buildUnit('102')],
      activities: [buildActivity('6001', '101', 'miljo'), buildActivity('6002', '102', 'miljo')],
      reportDeadlines: [{ reportListId: '910', unitId: '101', year: 2020, dueDate: '2021-01-31', url: 'https://r/1' }],
    });
    const reports = evaluate(view, '2021-02-05T00:00:00Z', rules).reports;
    expect(reports.map((r) => [r.unitId, r.dueSource, r.dueAt, r.state, r.reportUrl])).toEqual([
      ['101', 'report-list', '2021-01-31T23:00:00.000Z', 'missing', 'https://r/1'],
      ['102', 'fallback', DUE, 'not-yet-due', null],
    ]);
  });
});

describe('evaluateReports: evidence whose date could not be read', () => {
  const unreadable = (commentId: string, nodeId: string, year: number | null, kind: 'activity-follow-up' | 'project-statement' = 'activity-follow-up') => ({
    kind,
    commentId,
    nodeId,
    unitId: '101',
    periodDate: year === null ? '31/12/2020' : `${year}-12-31`,
    postedDate: 'igår kväll',
    year,
    reason: 'PostedDate "igår kväll" is not a date and time',
  });

  it.each([
    ['no readable follow-up: unknown, not missing', [], [unreadable('c1', '6001', 2020)], 'unknown'],
    ['a readable late one: unknown (the unreadable one may be earlier)', [AFTER], [unreadable('c1', '6001', 2020)], 'unknown'],
    ['year unreadable: it may be for this year', [], [unreadable('c1', '6001', null)], 'unknown'],
    ['a readable on-time one: on time (an earlier one cannot make it worse)', [JAN], [unreadable('c1', '6001', 2020)], 'on-time'],
    ['for another year: ignored', [], [unreadable('c1', '6001', 2019)], 'missing'],
    ["on another unit's activity: ignored", [], [{ ...unreadable('c1', '6001', 2020), unitId: '102' }], 'missing'],
  ] as const)('%s', (_case, postedAts, entries, state) => {
    const view = buildView({ units: [buildUnit('101')], activities: [withFollowUps(buildActivity('6001', '101', 'miljo'), [...postedAts])], unreadableFollowUps: [...entries] });
    const [report] = evaluate(view, LATER, onlyActionPlan()).reports;
    expect(report?.state).toBe(state);
    expect(report?.unknownReason ?? null).toBe(state === 'unknown' ? 'unreadable-evidence' : null);
    if (state === 'unknown') expect(report).toMatchObject({ deliveredAt: null, daysOverdue: null, evidence: { unreadable: [{ commentId: 'c1', nodeId: '6001' }] } });
  });

  it('makes a project report unknown for an unreadable statement, and counts it as unknown in the summaries', () => {
    const view = buildView({ units: [buildUnit('101')], activities: [], unreadableFollowUps: [unreadable('c9', '5009', null, 'project-statement')] });
    const evaluation = evaluate(view, LATER);
    expect(evaluation.reports.find((r) => r.type === 'project-report')).toMatchObject({ state: 'unknown', unknownReason: 'unreadable-evidence' });
    expect(evaluation.total).toMatchObject({ unknown: 1, unknownUnitIds: ['101'], missing: 0 });
  });
});
