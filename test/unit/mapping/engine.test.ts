import { describe, expect, it } from 'vitest';
import { buildProgrammeView, programmeViewBuilder } from '../../../src/mapping/engine/programme-view.js';
import { aColumn, aComment, aField, aKeyword, aUser, buildMapping, buildSnapshot, COLUMNS, structureNodes, TZ, type NodeSpec, type TenantSpec } from '../../support/builders.js';

const FINANCING = {
  externalFinancing: [
    {
      label: 'EU',
      keyword: { groupId: 71, id: 711 },
      financier: 'eu',
      amount: { descriptionField: { id: 801 } },
      year: { descriptionField: { id: 802 } },
      financierName: { descriptionField: { id: 803 } },
    },
    { label: 'Internationell', keyword: { groupId: 71, id: 712 }, financier: 'international', amount: { descriptionField: { id: 801 } } },
  ],
};
const EU = aKeyword('711', 'EU', '71');
const PROJECT = aKeyword('704', 'Projekt', '70');

function view(nodes: NodeSpec[], spec: Partial<TenantSpec> = {}, mapping: Record<string, unknown> = FINANCING) {
  return buildProgrammeView(buildSnapshot({ nodes: [...structureNodes(), ...nodes], ...spec }), buildMapping(mapping), { timeZone: TZ });
}

describe('buildProgrammeView: activities', () => {
  it('fills status (kind from StatusType), end date, goals, means and follow-ups', () => {
    const { view: result, issues } = view([
      {
        id: '6001',
        name: 'A',
        owner: '101',
        parentId: '5101',
        statusId: '3',
        endDate: '2020-12-31',
        keywords: [PROJECT],
        comments: [aComment('c2', '101', '2021-01-20 09:00:00', '<p>Andra</p>'), aComment('c1', '101', '2020-06-15 10:00:00', '<p>Första&nbsp;<i>texten</i></p>', '2020-06-30')],
      },
      { id: '6002', name: 'B', owner: '102', parentId: '5002', statusId: '4' },
      { id: '6003', name: 'C', owner: '102', parentId: '5002', statusId: '1' },
      { id: '6004', name: 'D', owner: '102', parentId: '5002', statusId: null },
    ]);
    expect(issues).toEqual([expect.objectContaining({ code: 'owner-missing' }), expect.objectContaining({ code: 'owner-missing' }), expect.objectContaining({ code: 'owner-missing' })]);
    expect(result.activities.map((activity) => [activity.nodeId, activity.unitId, activity.focusAreaKey, activity.status?.kind ?? null])).toEqual([
      ['6001', '101', 'naringsliv', 'finished'],
      ['6002', '102', 'social', 'other'],
      ['6003', '102', 'social', 'not-started'],
      ['6004', '102', 'social', null],
    ]);
    expect(result.activities[0]).toEqual({
      nodeId: '6001',
      name: 'A',
      unitId: '101',
      scorecardId: '50',
      focusAreaKey: 'naringsliv',
      goalKeys: ['mal-naringsliv', 'tillvaxt'],
      meansKeys: ['projekt'],
      status: { id: '3', name: 'Avslutad', kind: 'finished' },
      endDate: '2020-12-31',
      followUps: [
        {
          commentId: 'c1',
          nodeId: '6001',
          unitId: '101',
          periodDate: '2020-06-30',
          year: 2020,
          postedAt: '2020-06-15T08:00:00.000Z',
          text: 'Första texten',
          html: '<p>Första&nbsp;<i>texten</i></p>',
          userId: null,
        },
        { commentId: 'c2', nodeId: '6001', unitId: '101', periodDate: '2020-12-31', year: 2020, postedAt: '2021-01-20T08:00:00.000Z', text: 'Andra', html: '<p>Andra</p>', userId: null },
      ],
      project: null,
      matchedBy: 'under-5001',
    });
  });

  it('warns about an unknown status id and a comment with an unreadable date, and goes on', () => {
    const { view: result, issues } = view([
      { id: '6001', owner: '101', parentId: '5101', statusId: '99', comments: [aComment('bad', '101', '2021-02-30 10:00:00'), aComment('ok', '101', '2021-01-10 10:00:00')] },
    ]);
    expect(result.activities[0]?.status).toBeNull();
    expect(result.activities[0]?.followUps.map((followUp) => followUp.commentId)).toEqual(['ok']);
    expect(issues.map((issue) => issue.code)).toEqual(expect.arrayContaining(['unknown-status', 'bad-comment-date']));
  });
});

describe('buildProgrammeView: projects', () => {
  it('reads financier, amount, year and programme; flags a missing or unreadable amount', () => {
    const { view: result, issues } = view([
      { id: '6001', owner: '101', parentId: '5101', keywords: [PROJECT, EU], fields: [aField('801', '1 250 000 kr'), aField('802', '2019'), aField('803', 'Interreg Central Baltic')] },
      { id: '6002', owner: '101', parentId: '5101', keywords: [EU], fields: [aField('802', 'i fjol')] },
      { id: '6003', owner: '102', parentId: '5009', keywords: [aKeyword('712', 'Int', '71')], fields: [aField('801', 'ca 2 mkr')] },
    ]);
    expect(result.projects).toEqual([
      {
        nodeId: '6001',
        name: 'Node 6001',
        unitId: '101',
        focusAreaKey: 'naringsliv',
        financier: 'eu',
        financierName: 'Interreg Central Baltic',
        grantedSek: 1_250_000,
        grantedText: '1 250 000 kr',
        year: 2019,
        yearSource: 'field',
        countedYears: [2019],
      },
      {
        nodeId: '6002',
        name: 'Node 6002',
        unitId: '101',
        focusAreaKey: 'naringsliv',
        financier: 'eu',
        financierName: null,
        grantedSek: null,
        grantedText: null,
        year: null,
        yearSource: 'field',
        countedYears: [],
      },
      {
        nodeId: '6003',
        name: 'Node 6003',
        unitId: '102',
        focusAreaKey: null,
        financier: 'international',
        financierName: null,
        grantedSek: null,
        grantedText: 'ca 2 mkr',
        year: null,
        yearSource: 'running',
        countedYears: [2018, 2019, 2020],
      },
    ]);
    expect(result.activities.find((activity) => activity.nodeId === '6001')?.project).toEqual(result.projects[0]);
    expect(result.unmapped.map((node) => node.nodeId)).toEqual(['6003']);
    const codes = issues.filter((issue) => issue.code.startsWith('project')).map((issue) => `${issue.nodeId} ${issue.code}`);
    expect(codes).toEqual(['6002 project-amount-missing', '6002 project-year-unparseable', '6003 project-amount-unparseable']);
  });
});

describe('buildProgrammeView: statements, deadlines, failures, owners', () => {
  it('turns comments on the statement node into statements, marking an explicit "none"', () => {
    const statementNode: NodeSpec = {
      id: '5009',
      owner: '1',
      column: '501',
      name: 'Redovisning',
      comments: [
        aComment('s1', '101', '2021-01-10 10:00:00', '<p>Inga externfinansierade projekt 2020.</p>'),
        aComment('s2', '102', '2021-01-11 10:00:00', '<ul><li>Projekt X – Erasmus+</li></ul>'),
        aComment('s3', '101', '2020-01-12 10:00:00', 'INGA PROJEKT', '2019-12-31'),
      ],
    };
    const nodes = [...structureNodes().filter((node) => node.id !== '5009'), statementNode, { id: '6001', owner: '101', parentId: '5101' }, { id: '6002', owner: '102', parentId: '5101' }];
    const result = buildProgrammeView(buildSnapshot({ nodes }), buildMapping(), { timeZone: TZ }).view;
    expect(result.projectStatements.map((statement) => [statement.unitId, statement.year, statement.followUp.commentId, statement.isNone, statement.followUp.text])).toEqual([
      ['101', 2019, 's3', true, 'INGA PROJEKT'],
      ['101', 2020, 's1', true, 'Inga externfinansierade projekt 2020.'],
      ['102', 2020, 's2', false, 'Projekt X – Erasmus+'],
    ]);
  });

  it('derives report-list deadlines from the pull day minus DaysDelayed, in the report time zone', () => {
    const row = (departmentId: string, daysDelayed: number, period: string | null) => ({
      Name: 'Årlig',
      Url: `u/${departmentId}`,
      Deadline: { CssClass: null, DaysDelayed: daysDelayed, Text: null },
      ReportPeriod: period,
      DepartmentId: departmentId,
      DepartmentName: null,
      ReportProgress: null,
    });
    const mapping = { obligations: { actionPlanFollowUp: { due: { kind: 'report-list', reportListId: 910, user: 'c@k.example' } } } };
    // 23:30 UTC on 20 February is already 21 February in Stockholm.
    const spec = { pulledAt: '2021-02-20T23:30:00.000Z', reportLists: { '910': [row('101', 21, '2020'), row('102', -10, 'Helår 2020'), row('103', 0, null)], '999': [row('101', 1, '2020')] } };
    const { view: result, issues } = view([{ id: '6001', owner: '101', parentId: '5101' }], spec, mapping);
    expect(result.reportDeadlines).toEqual([
      { reportListId: '910', unitId: '101', year: 2020, dueDate: '2021-01-31', url: 'u/101' },
      { reportListId: '910', unitId: '102', year: 2020, dueDate: '2021-03-03', url: 'u/102' },
    ]);
    expect(issues.map((issue) => issue.code)).toContain('report-period-unparseable');
  });

  it('lists failed units and builds the unit list from all departments', () => {
    const { view: result } = view([{ id: '6001', owner: '101', parentId: '5101' }], {
      failures: [
        { departmentId: '201', code: 'STRATSYS_HTTP', message: 'boom' },
        { departmentId: '102', code: 'X', message: 'y' },
      ],
    });
    expect(result.failedUnitIds).toEqual(['102', '201']);
    expect(result.units.filter((unit) => unit.kind !== 'other').map((unit) => `${unit.id}:${unit.kind}`)).toEqual(['101:department', '102:department', '201:company']);
    expect(result.period).toMatchObject({ id: 'test-2018-2020', startYear: 2018, endYear: 2020, means: [{ key: 'projekt', name: 'Projekt' }] });
    expect(result.period.focusAreas.map((area) => area.key)).toEqual(['naringsliv', 'social', 'kunskap']);
  });

  it('resolves owners from fixed addresses and role holders, warning about gaps', () => {
    const mapping = {
      owners: [
        { focusArea: 'naringsliv', emails: ['Fast@k.example'], role: { roleId: 1, nodeId: 5001, departmentId: 1 } },
        { focusArea: 'social', role: { roleId: 1, nodeId: 5002, departmentId: 1 } },
      ],
    };
    const roleHolders = { '50/1/5001/1': [aUser('1', 'fast@k.example'), aUser('2', 'eva@k.example'), aUser('3', null)] };
    const { view: result, issues } = view([{ id: '6001', owner: '101', parentId: '5101' }], { roleHolders }, mapping);
    expect(result.owners).toEqual([
      { focusAreaKey: 'naringsliv', emails: ['Fast@k.example', 'eva@k.example'] },
      { focusAreaKey: 'social', emails: [] },
      { focusAreaKey: 'kunskap', emails: [] },
    ]);
    expect(issues.map((issue) => issue.code)).toEqual(['owner-without-email', 'role-holders-not-pulled', 'owner-missing', 'owner-missing']);
  });
});

describe('buildProgrammeView: nothing dropped silently', () => {
  it('structure is not unmapped; other activity columns and activities of units not pulled are', () => {
    const columns = [...COLUMNS, aColumn('504', 3, 'Delaktivitet', 'Activity')];
    const { view: result } = view(
      [
        { id: '6001', owner: '101', parentId: '5101' },
        { id: '6002', owner: '101', parentId: '6001', column: '504', name: 'Del' },
        { id: '6003', owner: '1', parentId: '5101', name: 'Gemensam' },
        { id: '5501', owner: '101', scorecardId: '51', name: 'Annat styrkort' },
      ],
      { columns, units: ['101'] },
    );
    expect(result.activities.map((activity) => activity.nodeId)).toEqual(['6001']);
    expect(result.unmapped).toEqual([
      {
        nodeId: '6003',
        name: 'Gemensam',
        unitId: '1',
        scorecardId: '50',
        reasonCode: 'owner-not-pulled',
        reason: 'reported by unit 1 "Kommunen", which is not a department or company of the programme (not pulled)',
      },
      {
        nodeId: '6002',
        name: 'Del',
        unitId: '101',
        scorecardId: '50',
        reasonCode: 'other-activity-column',
        reason: 'an activity in column 504 "Delaktivitet", not in the action plan\'s activity column',
      },
    ]);
  });

  it('is the same view when its units are fed one at a time in another order: a node a unit shows but another reports is settled once all are in', () => {
    const columns = [...COLUMNS, aColumn('504', 3, 'Delaktivitet', 'Activity')];
    const snapshot = buildSnapshot({
      nodes: [
        ...structureNodes(),
        { id: '6001', owner: '101', parentId: '5101', comments: [aComment('c1', '101', '2020-06-15 10:00:00')] },
        { id: '6002', owner: '101', parentId: '6001', column: '504', name: 'Del' },
        { id: '6003', owner: '1', parentId: '5101', name: 'Gemensam' },
        { id: '6004', owner: '102', parentId: '5002', name: 'B' },
        { id: '6006', owner: '100', parentId: '5002', name: 'Förvaltningarnas' },
      ],
      columns,
      units: ['100', '101', '102'],
    });
    const failures = [{ departmentId: '201', code: 'STRATSYS_NETWORK', message: 'reset' }];
    const whole = buildProgrammeView({ ...snapshot, failures }, buildMapping(FINANCING), { timeZone: TZ });
    // Units 101 and 102 show 6006, which only 100 reports: fed before 100, they must not leave it unmapped.
    const builder = programmeViewBuilder(snapshot, buildMapping(FINANCING), { timeZone: TZ });
    for (const unit of [...snapshot.units].reverse()) builder.addUnit(structuredClone(unit));
    const fed = builder.finish(failures);
    expect(fed.view).toEqual(whole.view);
    expect(fed.view.unmapped.map((node) => [node.nodeId, node.reasonCode])).toEqual([
      ['6003', 'owner-not-pulled'],
      ['6002', 'other-activity-column'],
    ]);
    expect(fed.view.activities.map((activity) => [activity.unitId, activity.nodeId])).toEqual([
      ['100', '6006'],
      ['101', '6001'],
      ['102', '6004'],
    ]);
    expect(fed.view.failedUnitIds).toEqual(['201']);
    expect([...fed.issues].sort((x, y) => x.message.localeCompare(y.message))).toEqual([...whole.issues].sort((x, y) => x.message.localeCompare(y.message)));
  });

  it('an activity column the scorecard lacks is a blocking issue; a different scorecard name a warning', () => {
    const mapping = { scorecards: [{ id: 50, name: 'Fel namn', activityColumn: { name: 'Aktiviteter' } }] };
    const { view: result, issues } = view([{ id: '6001', owner: '101', parentId: '5101' }], {}, mapping);
    expect(result.activities).toEqual([]);
    expect(issues.slice(0, 2)).toEqual([
      { severity: 'warning', code: 'scorecard-name-differs', message: 'scorecard 50 is called "Handlingsplan" in Stratsys, the mapping expects "Fel namn"', scorecardId: '50' },
      {
        severity: 'error',
        code: 'activity-column-missing',
        message: 'scorecard 50 has no column with name "Aktiviteter" (its columns: 501 "Fokusområde", 502 "Mål", 503 "Aktivitet"); no activity can be found',
        scorecardId: '50',
      },
    ]);
  });
});

describe('buildProgrammeView: who reports an activity, whatever ScorecardNode.Department means', () => {
  const nodes: NodeSpec[] = [
    { id: '6001', owner: '101', parentId: '5101', distributedTo: ['102'], comments: [aComment('c1', '101', '2021-01-20 09:00:00'), aComment('c2', '102', '2021-01-21 09:00:00')] },
    { id: '6002', owner: '102', parentId: '5102' },
  ];

  it('gives an activity distributed to two units to each, with its own follow-ups, under either reading', () => {
    const owner = view(nodes, { nodeDepartment: 'owner' }).view;
    const requested = view(nodes, { nodeDepartment: 'requested' }).view;
    const summary = (v: typeof owner) => v.activities.map((a) => `${a.nodeId}@${a.unitId}:${a.followUps.map((f) => f.commentId).join(',')}`);
    expect(summary(owner)).toEqual(['6001@101:c1', '6001@102:c2', '6002@102:']);
    expect(summary(requested)).toEqual(summary(owner));
    expect(requested.unmapped).toEqual(owner.unmapped);
  });

  it('counts a comment only for the unit that wrote it, even when the tenant returned it for another', () => {
    const snapshot = buildSnapshot({ nodes: [...structureNodes(), ...nodes] });
    const card = snapshot.units.find((u) => u.departmentId === '102')?.scorecards[0];
    card!.comments['6001'] = [aComment('c1', '101', '2021-01-20 09:00:00'), aComment('c2', '102', '2021-01-21 09:00:00')];
    const result = buildProgrammeView(snapshot, buildMapping(FINANCING), { timeZone: TZ }).view;
    expect(result.activities.find((a) => a.unitId === '102' && a.nodeId === '6001')?.followUps.map((f) => f.commentId)).toEqual(['c2']);
  });

  it('keeps a comment whose date is null or unreadable as unreadable evidence, with a warning', () => {
    const bad = { ...aComment('c3', '101', '2021-01-20 09:00:00'), PostedDate: null };
    const odd = aComment('c4', '101', '2021-01-22 09:00:00', '<p>x</p>', '31/12/2019');
    const { view: result, issues } = view([{ id: '6001', owner: '101', parentId: '5101', comments: [bad, odd] }]);
    expect(result.activities[0]?.followUps).toEqual([]);
    expect(result.unreadableFollowUps).toEqual([
      expect.objectContaining({ kind: 'activity-follow-up', commentId: 'c3', unitId: '101', year: 2020, postedDate: null, reason: 'PostedDate null is not a date and time yyyy-MM-dd HH:mm:ss' }),
      expect.objectContaining({ commentId: 'c4', year: null, periodDate: '31/12/2019', reason: 'PeriodDate "31/12/2019" is not a date yyyy-MM-dd' }),
    ]);
    expect(issues.filter((issue) => issue.code === 'bad-comment-date')).toHaveLength(2);
  });
});
