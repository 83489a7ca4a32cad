import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';
import { SnapshotSchema } from '../../../src/snapshot/schema.js';
import { demoSim, NOW, result } from './helpers.js';

const fixture = buildDemoTenant();
const snapshot = snapshotFromFixture(fixture, { tenantId: 'gavle', pulledAt: NOW });
const sim = demoSim({ fixture });
afterAll(() => sim.close());

describe('snapshotFromFixture', () => {
  it('validates against the snapshot schema and round-trips unchanged', () => {
    const parsed = SnapshotSchema.parse(JSON.parse(JSON.stringify(snapshot)));
    expect(parsed).toEqual(snapshot);
    expect(snapshot).toMatchObject({ schemaVersion: 1, tenantId: 'gavle', pulledAt: NOW.toISOString(), failures: [] });
  });

  it('covers every unit that owns activities, in tree order, with the scorecards holding them', () => {
    expect(snapshot.units.map((u) => u.departmentId)).toEqual(['101', '102', '103', '104', '105', '106', '201', '202', '203', '204']);
    expect(snapshot.units.map((u) => u.scorecards.map((s) => s.scorecardId).join())).toEqual(['50,51', '50', '50', '50', '50', '50', '50', '50', '50', '50']);
    expect(snapshot.units.every((u) => u.requests === 0 && u.pulledAt === NOW.toISOString())).toBe(true);
  });

  it('holds what the unit sees: inherited and own nodes, own keywords and fields, its comments', () => {
    const unit = snapshot.units.find((u) => u.departmentId === '105')?.scorecards[0];
    expect(unit?.nodes.map((n) => n.Id)).toEqual(['5001', '5002', '5003', '5004', '5005', '5006', '5009', '5101', '5102', '5103', '5104', '5105', '5106', '6017', '6018', '6019', '6020']);
    expect(Object.keys(unit?.keywords ?? {})).toEqual(['6017', '6018', '6019', '6020']);
    expect(unit?.descriptionFields['6020']).toEqual([expect.objectContaining({ TextValue: 'Miljöstrategiskt program' })]);
    expect(unit?.descriptionFields['6017']).toEqual([]);
    expect(unit?.activities.map((a) => a.Id)).toEqual(['6017', '6018', '6019', '6020']);
    expect(Object.keys(unit?.comments ?? {}).sort()).toEqual(['5001', '5002', '5003', '5004', '5005', '5006', '5009', '6017', '6018', '6019', '6020']);
    expect(unit?.comments['6019']?.map((c) => c.PeriodDate)).toEqual(['2018-12-31', '2019-12-31']);
    expect(unit?.comments['5009']).toHaveLength(3);
    expect(unit?.comments['5001']).toEqual([]);
  });

  it('holds tenant data: reference lists, report-list rows as of pulledAt and owners of top nodes', () => {
    const { tenant } = snapshot;
    expect(tenant.application?.VersionId).toBe('4');
    expect(tenant.departments).toHaveLength(15);
    expect(tenant.columns.find((c) => c.Id === '503')).toMatchObject({ NodeType: 'Activity', Scorecard: { Id: '50' } });
    expect(tenant.reportLists['910']).toHaveLength(10);
    expect(tenant.reportLists['910']?.[0]?.Deadline).toEqual({ CssClass: 'deadlineOverdue', DaysDelayed: 20, Text: 'Försenad 20 dagar' });
    expect(Object.keys(tenant.roleHolders).sort()).toEqual(['50/1/5001/1', '50/1/5002/1', '50/1/5003/1', '50/1/5004/1', '50/1/5005/1', '50/1/5006/1', '50/1/5009/1', '51/1/5501/1']);
    expect(tenant.roleHolders['50/1/5002/1']?.map((u) => u.Email)).toEqual(['karin.holm@gavle.example']);
    expect(tenant.roleHolders['50/1/5005/1']).toEqual([]);
  });

  it('restricts to unitIds and rejects unknown ones', () => {
    const one = snapshotFromFixture(fixture, { tenantId: 'gavle', pulledAt: '2021-01-20T12:00:00Z', unitIds: ['203'] });
    expect(one.units.map((u) => u.departmentId)).toEqual(['203']);
    expect(one.tenant.reportLists['910']?.[0]?.Deadline.DaysDelayed).toBe(-11);
    expect(() => snapshotFromFixture(fixture, { tenantId: 'gavle', pulledAt: NOW, unitIds: ['4711'] })).toThrow('Department undefined: 4711');
    expect(() => snapshotFromFixture(fixture, { tenantId: 'gavle', pulledAt: 'not a date' })).toThrow(TypeError);
  });

  it('is exactly what the HTTP endpoints answer, for every unit and scorecard', async () => {
    for (const unit of snapshot.units) {
      const d = unit.departmentId;
      for (const card of unit.scorecards) {
        const s = card.scorecardId;
        expect(card.nodes).toEqual(await result(sim, `scorecards/${s}/departments/${d}/nodes`));
        expect(card.activities).toEqual(await result(sim, `activities/filter?scorecardId=${s}&departmentId=${d}`));
        for (const [nodeId, keywords] of Object.entries(card.keywords)) expect(keywords).toEqual(await result(sim, `scorecards/${s}/departments/${d}/nodes/${nodeId}/keywords`));
        for (const [nodeId, fields] of Object.entries(card.descriptionFields)) expect(fields).toEqual(await result(sim, `scorecards/${s}/departments/${d}/nodes/${nodeId}/descriptionfields`));
        for (const [nodeId, comments] of Object.entries(card.comments)) expect(comments).toEqual(await result(sim, `comments/${nodeId}/filter?departmentId=${d}`));
      }
    }
    const { tenant } = snapshot;
    expect(tenant.departments).toEqual(await result(sim, 'departments'));
    expect(tenant.statuses).toEqual(await result(sim, 'statuses'));
    expect(tenant.reportLists['910']).toEqual(await result(sim, 'stratsys-apps/reportlists/910/users/controller@gavle.example?showAll=true'));
    for (const [key, users] of Object.entries(tenant.roleHolders)) {
      const [s, d, n, r] = key.split('/');
      expect(users).toEqual(await result(sim, `scorecards/${s}/departments/${d}/nodes/${n}/responsibilityroles/${r}/users`));
    }
  });
});
