import { describe, expect, it } from 'vitest';
import { buildDemoTenant, DEMO_UNIT_IDS } from '../../../src/sim/tenants/demo-tenant.js';
import type { FixtureComment, FixtureNode } from '../../../src/sim/fixture.js';
import { TenantFixtureSchema } from '../../../src/sim/fixture-refs.js';

const tenant = buildDemoTenant();
const nodeById = new Map(tenant.nodes.map((n) => [n.id, n]));
const activities = tenant.nodes.filter((n) => n.columnId === '503');
const userById = new Map(tenant.users.map((u) => [u.Id, u]));
const ON_TIME_LIMIT = (year: number) => `${year + 1}-02-14 23:59:59`;

function commentsOf(unit: string, year: number, filter: (c: FixtureComment) => boolean = () => true): FixtureComment[] {
  return tenant.comments.filter((c) => c.departmentId === unit && c.periodDate === `${year}-12-31` && filter(c));
}
const onActivities = (c: FixtureComment) => nodeById.get(c.nodeId)?.columnId === '503';
const onStatement = (c: FixtureComment) => c.nodeId === '5009';
const ownActivities = (unit: string): FixtureNode[] => activities.filter((a) => a.departmentId === unit);

describe('buildDemoTenant', () => {
  it('is a valid fixture and the same on every call', () => {
    const parsed = TenantFixtureSchema.parse(JSON.parse(JSON.stringify(tenant)));
    expect(parsed).toEqual(tenant);
    expect(JSON.stringify(buildDemoTenant())).toBe(JSON.stringify(tenant));
  });

  it('has the organisation of the spec', () => {
    expect(tenant.departments.map((d) => [d.Id, d.ParentId, d.ShortName])).toEqual([
      ['1', null, 'GK'],
      ['10', '1', 'KS'],
      ['100', '1', 'FÖRV'],
      ['101', '100', 'KLF'],
      ['102', '100', 'UG'],
      ['103', '100', 'SOC'],
      ['104', '100', 'OG'],
      ['105', '100', 'SBG'],
      ['106', '100', 'KOF'],
      ['12', '101', 'IK'],
      ['200', '1', 'GSAB'],
      ['201', '200', 'GEAB'],
      ['202', '200', 'GG'],
      ['203', '200', 'GHAB'],
      ['204', '200', 'GVAB'],
    ]);
    expect(tenant.departments.find((d) => d.Id === '202')?.Name).toBe('AB Gavlegårdarna');
  });

  it('has scorecards 50–52 with the column layouts of the spec', () => {
    expect(tenant.scorecards.map((s) => s.Id)).toEqual(['50', '51', '52']);
    expect(tenant.scorecardColumns.map((c) => [c.id, c.scorecardId, c.index, c.name, c.nodeType])).toEqual([
      ['501', '50', 0, 'Fokusområde', 'Goal'],
      ['502', '50', 1, 'Mål', 'Goal'],
      ['503', '50', 2, 'Aktivitet', 'Activity'],
      ['511', '51', 0, 'Målområde', 'Goal'],
      ['512', '51', 1, 'Aktivitet', 'Activity'],
      ['521', '52', 0, 'Mått', 'Kpi'],
    ]);
    expect(tenant.statuses.map((s) => [s.Id, s.Name, s.StatusType])).toEqual([
      ['1', 'Ej påbörjad', 'Paused'],
      ['2', 'Pågående', 'Ongoing'],
      ['3', 'Avslutad', 'Finished'],
      ['4', 'Inställd', 'Cancelled'],
    ]);
  });

  it('has the focus areas, the project-report node and the goals, owned by department 1', () => {
    for (const id of ['5001', '5002', '5003', '5004', '5005', '5006', '5009']) expect(nodeById.get(id)).toMatchObject({ columnId: '501', parentId: null, departmentId: '1' });
    for (let i = 1; i <= 6; i += 1) {
      const goal = nodeById.get(`510${i}`);
      expect(goal).toMatchObject({ columnId: '502', parentId: `500${i}`, departmentId: '1' });
      expect(goal?.descriptionFields['805']).toMatch(/\S/);
    }
    expect(nodeById.get('5009')?.name).toBe('Redovisning av externfinansierade projekt');
  });

  it('gives every unit 2–4 activities under the goals, each with means keywords and a reporter of its unit', () => {
    expect(activities).toHaveLength(36);
    for (const unit of DEMO_UNIT_IDS) expect(ownActivities(unit).length).toBeGreaterThanOrEqual(2);
    for (const unit of DEMO_UNIT_IDS) expect(ownActivities(unit).length).toBeLessThanOrEqual(4);
    for (const a of activities) {
      expect(Number(a.id)).toBeGreaterThanOrEqual(6001);
      expect(a.keywordIds.some((k) => ['701', '702', '703', '704'].includes(k))).toBe(true);
      const reporter = a.responsibles.find((r) => r.roleId === '2');
      expect(userById.get(reporter?.userId ?? '')?.DepartmentId).toBe(a.departmentId);
      if (a.id !== '6099') expect(['5101', '5102', '5103', '5104', '5105', '5106']).toContain(a.parentId);
    }
    expect(nodeById.get('6099')).toMatchObject({ name: 'Planeringsdag (ej kopplad)', parentId: '5009', departmentId: '106' });
  });

  it('marks externally financed projects, one of them without an amount', () => {
    const projects = activities.filter((a) => a.keywordIds.includes('704'));
    expect(projects.length).toBeGreaterThanOrEqual(8);
    for (const p of projects) {
      expect(p.keywordIds.some((k) => k === '711' || k === '712')).toBe(true);
      expect(p.descriptionFields['802']).toMatch(/^20(18|19|20)$/);
      expect(p.descriptionFields['803']).toMatch(/\S/);
    }
    const withoutAmount = projects.filter((p) => p.descriptionFields['801'] === undefined);
    expect(withoutAmount.map((p) => p.id)).toEqual(['6014']);
    expect(projects.map((p) => p.descriptionFields['803'])).toEqual(expect.arrayContaining(['Interreg Central Baltic', 'Erasmus+', 'Nordiska ministerrådet', 'Horisont Europa']));
    expect(nodeById.get('6004')?.descriptionFields['801']).toBe('1 250 000');
  });

  it('has the precedence demo: an activity of 105 under goal 5105 whose field 804 names focus area 3', () => {
    expect(nodeById.get('6020')).toMatchObject({ departmentId: '105', parentId: '5105', descriptionFields: { '804': 'Miljöstrategiskt program' } });
  });

  it('follows up every activity in 2018 and 2019, 103 late in 2019 and 204 only from 2019', () => {
    for (const year of [2018, 2019]) {
      for (const unit of DEMO_UNIT_IDS) {
        const expected = unit === '204' && year === 2018 ? [] : ownActivities(unit).map((a) => a.id);
        const posted = commentsOf(unit, year, onActivities);
        expect(posted.map((c) => c.nodeId).sort()).toEqual([...expected].sort());
        const late = posted.filter((c) => c.postedDate > ON_TIME_LIMIT(year));
        expect(late.length).toBe(unit === '103' && year === 2019 ? posted.length : 0);
      }
    }
    expect(commentsOf('103', 2019, onActivities).every((c) => c.postedDate.startsWith('2020-02-20'))).toBe(true);
  });

  it('has the 2020 pattern: on time, 103 late for focus area 2 only, 105 missing one, 106 and 203 silent', () => {
    for (const unit of ['101', '102', '104', '201', '202', '204']) {
      const posted = commentsOf(unit, 2020, onActivities);
      expect(posted).toHaveLength(ownActivities(unit).length);
      expect(posted.every((c) => c.postedDate <= ON_TIME_LIMIT(2020))).toBe(true);
    }
    const soc = commentsOf('103', 2020, onActivities);
    expect(soc.filter((c) => c.postedDate > ON_TIME_LIMIT(2020)).map((c) => nodeById.get(c.nodeId)?.parentId)).toEqual(['5102', '5102', '5102']);
    expect(soc.filter((c) => c.postedDate.startsWith('2021-02-25'))).toHaveLength(3);
    expect(soc.filter((c) => nodeById.get(c.nodeId)?.parentId !== '5102').every((c) => c.postedDate <= ON_TIME_LIMIT(2020))).toBe(true);
    const sbg = commentsOf('105', 2020, onActivities).map((c) => c.nodeId);
    expect(
      ownActivities('105')
        .map((a) => a.id)
        .filter((id) => !sbg.includes(id)),
    ).toEqual(['6019']);
    expect(nodeById.get('6019')?.parentId).toBe('5103');
    expect(commentsOf('106', 2020)).toEqual([]);
    expect(commentsOf('203', 2020)).toEqual([]);
  });

  it('has yearly project statements on 5009: explicit none or a list, 202 late and 106/203 silent in 2020', () => {
    for (const year of [2018, 2019, 2020]) {
      for (const unit of DEMO_UNIT_IDS) {
        const silent = (unit === '204' && year === 2018) || (year === 2020 && (unit === '106' || unit === '203'));
        expect(commentsOf(unit, year, onStatement)).toHaveLength(silent ? 0 : 1);
      }
    }
    expect(commentsOf('202', 2020, onStatement)[0]?.postedDate.slice(0, 10)).toBe('2021-03-03');
    const texts = tenant.comments.filter(onStatement).map((c) => c.text);
    expect(texts).toContain('<p>Inga externfinansierade projekt 2020.</p>');
    expect(texts.some((t) => /<li>Projekt Baltic Smart Cities – Interreg Central Baltic, beviljat 1 250 000 kr/.test(t))).toBe(true);
    const none = texts.filter((t) => /inga (externfinansierade )?projekt/i.test(t));
    expect(none.length).toBeGreaterThan(3);
  });

  it('writes comments in the wire conventions', () => {
    for (const c of tenant.comments) {
      expect(c.periodDate).toMatch(/^20(18|19|20)-12-31$/);
      expect(c.postedDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(c.commentType).toEqual({ id: 1, name: 'Uppföljning' });
      expect(c.text).toMatch(/^<p>.*<\/(p|ul)>$/);
    }
  });

  it('names the focus-area owners with role 1 in department 1, none for 5005', () => {
    const owner = (id: string) =>
      nodeById
        .get(id)
        ?.responsibles.filter((r) => r.roleId === '1' && r.departmentId === '1')
        .map((r) => userById.get(r.userId)?.Email);
    expect(owner('5001')).toEqual(['eva.nordin@gavle.example']);
    expect(owner('5002')).toEqual(['karin.holm@gavle.example']);
    expect(owner('5003')).toEqual(['lars.berg@gavle.example']);
    expect(owner('5004')).toEqual(['sara.ek@gavle.example']);
    expect(owner('5005')).toEqual([]);
    expect(owner('5006')).toEqual(['maria.lund@gavle.example']);
    expect(tenant.users.every((u) => u.Email?.endsWith('@gavle.example'))).toBe(true);
    expect(userById.get('900')?.Email).toBe('controller@gavle.example');
    expect(tenant.users.some((u) => u.Email === 'internationella.kontoret@gavle.example')).toBe(true);
  });

  it('has report list 910 of the service user with a 2020 row per unit', () => {
    const list = tenant.reportLists.find((l) => l.id === '910');
    expect(list?.userId).toBe('900');
    expect(list?.rows.map((r) => r.departmentId)).toEqual([...DEMO_UNIT_IDS]);
    expect(list?.rows.every((r) => r.deadline === '2021-01-31' && r.reportPeriod === '2020')).toBe(true);
  });

  it('has the write-back KPIs, their column layouts, stored 2018/2019 values and a locked 2018', () => {
    expect(tenant.kpis.map((k) => [k.id, k.scorecardId, k.periodicityId])).toEqual(['9001', '9002', '9003', '9004', '9005', '9006', '9007', '9101'].map((id) => [id, '52', '1']));
    expect(tenant.kpis.filter((k) => k.id !== '9101').every((k) => k.departmentIds.join() === '12')).toBe(true);
    expect(tenant.kpis.find((k) => k.id === '9101')?.departmentIds).toEqual([...DEMO_UNIT_IDS]);
    const columns = (kpiId: string) => tenant.kpiColumns.filter((c) => c.kpiId === kpiId).map((c) => [c.id, c.index, c.name]);
    expect(columns('9002')).toEqual([
      ['90020', 0, 'Totalt'],
      ['90021', 1, 'Näringsliv'],
      ['90022', 2, 'Social hållbarhet'],
      ['90023', 3, 'Miljö'],
      ['90024', 4, 'Utbildning'],
      ['90025', 5, 'Övriga insatser'],
      ['90026', 6, 'Kunskapshöjande'],
    ]);
    expect(columns('9007')).toEqual([['90070', 0, 'Utfall']]);
    expect(tenant.kpiColumns.find((c) => c.id === '9101204')).toMatchObject({ kpiId: '9101', departmentId: '204', index: 0, name: 'Utfall' });
    expect([...new Set(tenant.kpiData.map((v) => v.date))].sort()).toEqual(['2018-12-31', '2019-12-31']);
    expect(tenant.kpiData.filter((v) => v.kpiId === '9101' && v.departmentId === '204').map((v) => v.date)).toEqual(['2019-12-31']);
    expect(tenant.kpiData.find((v) => v.columnId === '90032' && v.date === '2019-12-31')?.value).toBe(1);
    expect(tenant.lockedPeriods).toEqual([{ date: '2018-12-31' }]);
  });
});
