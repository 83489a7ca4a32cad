import { afterAll, describe, expect, it } from 'vitest';
import {
  ActivitySchema,
  CommentSchema,
  DepartmentSchema,
  KeywordGroupSchema,
  KpiColumnSchema,
  KpiSchema,
  ScorecardColumnSchema,
  ScorecardNodeSchema,
  UserSchema,
  type ScorecardNode,
} from '../../../src/stratsys/schemas.js';
import { call, demoSim, result } from './helpers.js';

const sim = demoSim();
afterAll(() => sim.close());

describe('sim server: envelope, ids and routing', () => {
  it('wraps results in the envelope with PascalCase fields', async () => {
    const answer = await call(sim, 'departments');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json.Success).toBe(true);
    expect(answer.json.Message).toBeNull();
    const departments = DepartmentSchema.array().parse(answer.json.Result);
    expect(departments).toHaveLength(15);
    expect(Object.keys((answer.json.Result as object[])[0] ?? {})).toEqual(['Id', 'ParentId', 'Name', 'ShortName']);
  });

  it.each([
    ['departments/123', 'Department undefined: 123'],
    ['scorecards/77', 'Scorecard undefined: 77'],
    ['scorecardcolumns/9', 'ScorecardColumn undefined: 9'],
    ['statuses/99', 'Status undefined: 99'],
    ['users/nobody@gavle.example', 'User undefined: nobody@gavle.example'],
    ['responsibilityroles/7', 'ResponsibilityRole undefined: 7'],
    ['descriptionfields/1', 'DescriptionField undefined: 1'],
    ['periodicities/42', 'Periodicity undefined: 42'],
    ['scorecards/50/departments/999/nodes', 'Department undefined: 999'],
    ['scorecards/50/departments/101/nodes/5502', "Node undefined: 5502 ('Department: 101')"],
    ['comments/4242/filter?departmentId=101', 'Node undefined: 4242'],
    ['kpicolumns/1234567/filter?departmentId=1', "Kpi undefined: 1234567 ('Department: 1')"],
    ['kpidata/9001/filter?departmentId=101', "Kpi undefined: 9001 ('Department: 101')"],
    ['stratsys-apps/reportlists/1/users/me', 'ReportList undefined: 1'],
  ])('answers an unknown id in GET %s with 400 and the entity message', async (path, message) => {
    const answer = await call(sim, path);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ Result: null, Success: false, Message: message });
  });

  it('answers an unknown route with a 404 envelope', async () => {
    const answer = await call(sim, 'nosuchthing/1');
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ Result: null, Success: false });
    expect(answer.json.Message).toContain('/api/v1/nosuchthing/1');
  });

  it('matches paths and query keys case-insensitively and tolerates a trailing slash', async () => {
    expect((await call(sim, '/API/V1/Departments/ROOT')).json.Result).toMatchObject({ Id: '1', ParentId: null });
    expect((await call(sim, 'authorizations/checkaccess')).json.Result).toBe('Ok');
    expect((await call(sim, 'AUTHORIZATIONS/CheckAccess/')).json.Result).toBe('Ok');
    const columns = ScorecardColumnSchema.array().parse(await result(sim, 'ScorecardColumns/Filter?SCORECARDID=50&NodeType=activity'));
    expect(columns.map((c) => c.Id)).toEqual(['503']);
  });

  it('serves the reference endpoints', async () => {
    expect(await result(sim, 'applications/this')).toMatchObject({ VersionId: '4' });
    expect(await result(sim, 'versions')).toHaveLength(2);
    expect(await result(sim, 'periodicities/1')).toEqual({ Id: '1', Name: 'År', IsActive: true });
    expect(await result(sim, 'scorecards/filter?name=kommunplan')).toEqual([{ Id: '51', Name: 'Kommunplan 2018–2020' }]);
    expect(await result(sim, 'scorecards/52')).toEqual({ Id: '52', Name: 'Uppföljning internationellt arbete' });
    const columns = ScorecardColumnSchema.array().parse(await result(sim, 'scorecardcolumns/filter?scorecardId=50'));
    expect(columns.map((c) => [c.Id, c.Index, c.NodeType, c.Scorecard?.Id])).toEqual([
      ['501', 0, 'Goal', '50'],
      ['502', 1, 'Goal', '50'],
      ['503', 2, 'Activity', '50'],
    ]);
    expect(await result(sim, 'scorecardcolumns/filter?index=0&name=OMRÅDE')).toEqual([expect.objectContaining({ Id: '501' }), expect.objectContaining({ Id: '511' })]);
    expect(
      KeywordGroupSchema.array()
        .parse(await result(sim, 'keywordgroups/filter?scorecardColumnId=503'))
        .map((g) => g.Id),
    ).toEqual(['70', '71']);
    expect(await result(sim, 'keywordgroups/filter?scorecardColumnId=501')).toEqual([]);
    expect(await result(sim, 'descriptionfields/filter?name=belopp')).toEqual([expect.objectContaining({ Id: '801' })]);
    expect(await result(sim, 'responsibilityroles')).toHaveLength(2);
  });

  it('filters departments by name, parent and maxResults', async () => {
    expect(await result(sim, 'departments/filter?name=G%C3%84VLE&maxResults=100')).toHaveLength(8);
    expect((await result<{ Id: string }[]>(sim, 'departments/filter?parentId=200')).map((d) => d.Id)).toEqual(['201', '202', '203', '204']);
    expect(await result(sim, 'departments/filter?maxResults=3')).toHaveLength(3);
  });

  it('finds users by id, user name, e-mail and me, and filters by e-mail and name', async () => {
    for (const key of ['900', 'controller', 'CONTROLLER@gavle.example', 'me']) expect(UserSchema.parse(await result(sim, `users/${key}`)).Id).toBe('900');
    expect((await result<{ Id: string }[]>(sim, 'users/filter?email=karin')).map((u) => u.Id)).toEqual(['902']);
    expect((await result<{ Id: string }[]>(sim, 'users/filter?name=eva%20nordin')).map((u) => u.Id)).toEqual(['901']);
    expect(await result(sim, 'users/filter')).toHaveLength(17);
  });
});

describe('sim server: nodes of a scorecard in a department', () => {
  it('shows own and inherited nodes with collections null', async () => {
    const nodes = ScorecardNodeSchema.array().parse(await result(sim, 'scorecards/50/departments/105/nodes'));
    const ids = nodes.map((n) => n.Id);
    expect(ids.slice(0, 7)).toEqual(['5001', '5002', '5003', '5004', '5005', '5006', '5009']);
    expect(ids).toEqual(expect.arrayContaining(['5101', '5106', '6017', '6018', '6019', '6020']));
    expect(ids).not.toContain('6001');
    expect(nodes.every((n) => n.Keywords === null && n.DescriptionFields === null && n.Responsibles === null && n.CurrentStatus === null)).toBe(true);
    expect(nodes.find((n) => n.Id === '6019')?.Department.Id).toBe('105');
    expect(nodes.find((n) => n.Id === '5001')?.Department.Id).toBe('1');
  });

  it('does not show a unit nodes of its children or siblings', async () => {
    const ids = ScorecardNodeSchema.array()
      .parse(await result(sim, 'scorecards/50/departments/100/nodes'))
      .map((n) => n.Id);
    expect(ids).toHaveLength(13);
    expect(ids.some((id) => id.startsWith('60'))).toBe(false);
  });

  it('expands fields (comma-separated, any case) on one node', async () => {
    const plain = await result<ScorecardNode>(sim, 'scorecards/50/departments/105/nodes/6018');
    expect(plain).toMatchObject({ Keywords: null, DescriptionFields: null, Responsibles: null, Statuses: null });
    const full = ScorecardNodeSchema.parse(await result(sim, 'scorecards/50/departments/105/nodes/6018?fields=Keywords,DESCRIPTIONFIELDS,responsibles,NodeTypeSpecific'));
    expect(full.Keywords?.map((k) => [k.Id, k.KeywordGroup?.Id])).toEqual([
      ['704', '70'],
      ['711', '71'],
    ]);
    expect(full.DescriptionFields?.map((f) => [f.DescriptionField?.Id, f.TextValue])).toEqual([
      ['801', '3 900 000'],
      ['802', '2020'],
      ['803', 'Horisont Europa'],
    ]);
    expect(full.Responsibles?.map((r) => [r.User.Email, r.ResponsibilityRole.Name])).toEqual([['per.hedlund@gavle.example', 'Vem rapporterar']]);
    expect(full.CurrentStatus?.Name).toBe('Pågående');
    expect(full.Statuses).toHaveLength(4);
    const keywordsOnly = await result<ScorecardNode>(sim, 'scorecards/50/departments/105/nodes/6018?fields=keywords');
    expect(keywordsOnly.Keywords).toHaveLength(2);
    expect(keywordsOnly.DescriptionFields).toBeNull();
  });

  it('serves keywords, description fields and role holders of a node', async () => {
    expect((await result<{ Id: string }[]>(sim, 'scorecards/50/departments/105/nodes/6020/keywords')).map((k) => k.Id)).toEqual(['703']);
    expect(await result(sim, 'scorecards/50/departments/105/nodes/6020/descriptionfields')).toEqual([
      { DescriptionField: { Id: '804', Name: 'Fokusområde', Description: 'Fokusområde när det avviker från målets.' }, TextValue: 'Miljöstrategiskt program' },
    ]);
    const owners = UserSchema.array().parse(await result(sim, 'scorecards/50/departments/1/nodes/5003/responsibilityroles/1/users'));
    expect(owners.map((u) => u.Email)).toEqual(['lars.berg@gavle.example']);
    expect(await result(sim, 'scorecards/50/departments/105/nodes/5003/responsibilityroles/1/users')).toEqual([]);
    expect(await result(sim, 'scorecards/50/departments/1/nodes/5005/responsibilityroles/1/users')).toEqual([]);
    expect((await call(sim, 'scorecards/50/departments/1/nodes/5003/responsibilityroles/9/users')).status).toBe(400);
  });

  it('answers nodes/root with the first top-level node', async () => {
    expect(await result(sim, 'scorecards/50/departments/103/nodes/root')).toMatchObject({ Id: '5001', ParentId: null });
  });
});

describe('sim server: activities, comments and KPIs', () => {
  it('filters activities by scorecard, department, status, name and finished', async () => {
    const rows = ActivitySchema.array().parse(await result(sim, 'activities/filter?scorecardId=50&departmentId=102&onlySimple=False&excludeFinished=False'));
    expect(rows.map((a) => [a.Id, a.StatusId])).toEqual([
      ['6005', '3'],
      ['6006', '2'],
      ['6007', '2'],
      ['6008', '2'],
    ]);
    expect((await result<unknown[]>(sim, 'activities/filter?scorecardId=50&departmentId=102&excludeFinished=True')).map((a) => (a as { Id: string }).Id)).toEqual(['6006', '6007', '6008']);
    expect(await result(sim, 'activities/filter?departmentId=102&onlySimple=true')).toEqual([]);
    expect(await result(sim, 'activities/filter?scorecardId=51')).toEqual([expect.objectContaining({ Id: '5502', DepartmentId: '101' })]);
    expect(await result(sim, 'activities/filter?name=NORDIC%20street')).toEqual([expect.objectContaining({ Id: '6022' })]);
    expect(await result(sim, 'activities/filter?statusId=3')).toHaveLength(3);
    expect(await result<unknown[]>(sim, 'activities/filter')).toHaveLength(37);
    const withColumns = ActivitySchema.array().parse(await result(sim, 'activities/filter?id=6001&fields=scorecardColumns'));
    expect(withColumns[0]?.ScorecardColumns?.[0]?.Id).toBe('503');
    expect((await call(sim, 'activities/filter?excludeFinished=maybe')).status).toBe(400);
  });

  it('serves the comments of one unit on a node', async () => {
    const comments = CommentSchema.array().parse(await result(sim, 'comments/6009/filter?departmentId=103'));
    expect(comments.map((c) => [c.PeriodDate, c.PostedDate?.slice(0, 10)])).toEqual([
      ['2018-12-31', expect.stringMatching(/^2019-01-/)],
      ['2019-12-31', '2020-02-20'],
      ['2020-12-31', '2021-02-25'],
    ]);
    expect(comments[0]?.CommentType).toEqual({ Id: 1, Name: 'Uppföljning' });
    expect(await result(sim, 'comments/6009/filter?departmentId=101')).toEqual([]);
    const statements = CommentSchema.array().parse(await result(sim, 'comments/5009/filter'));
    expect(new Set(statements.map((c) => c.DepartmentId)).size).toBe(10);
  });

  it('lists KPI rows per department and their columns', async () => {
    const rows = KpiSchema.array().parse(await result(sim, 'kpis/filter?id=9101'));
    expect(rows.map((r) => r.DepartmentId)).toEqual(['101', '102', '103', '104', '105', '106', '201', '202', '203', '204']);
    expect(rows[0]?.KpiColumnIds).toEqual(['9101101']);
    const office = KpiSchema.array().parse(await result(sim, 'kpis/filter?scorecardId=52&departmentId=12'));
    expect(office.map((k) => k.Id)).toEqual(['9001', '9002', '9003', '9004', '9005', '9006', '9007']);
    expect(office[0]).toMatchObject({ PeriodicityId: '1', KpiColumnIds: ['90010', '90011', '90012', '90013', '90014', '90015', '90016'] });
    const columns = KpiColumnSchema.array().parse(await result(sim, 'kpicolumns/9003/filter?departmentId=12'));
    expect(columns.map((c) => [c.Id, c.Index, c.Name])).toEqual([
      ['90030', 0, 'Totalt'],
      ['90031', 1, 'Näringsliv'],
      ['90032', 2, 'Social hållbarhet'],
      ['90033', 3, 'Miljö'],
      ['90034', 4, 'Utbildning'],
      ['90035', 5, 'Övriga insatser'],
      ['90036', 6, 'Kunskapshöjande'],
    ]);
    expect(await result(sim, 'kpicolumns/9101/filter?departmentId=203')).toEqual([expect.objectContaining({ Id: '9101203', KpiId: '9101', Index: 0, Postfix: '%' })]);
    expect(await result(sim, 'kpicolumns/9007/filter?name=utf')).toEqual([expect.objectContaining({ Id: '90070' })]);
  });
});
