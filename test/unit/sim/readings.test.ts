import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { DEFAULT_READINGS, parseReadingArg, READING_VALUES } from '../../../src/sim/readings.js';
import type { SimServer } from '../../../src/sim/server.js';
import { ActivitySchema, CommentSchema, ScorecardNodeSchema, StatusSchema } from '../../../src/stratsys/schemas.js';
import { call, CONTROL, demoSim, result } from './helpers.js';

let sim: SimServer;
beforeEach(() => {
  const fixture = buildDemoTenant();
  const shared = fixture.nodes.find((n) => n.id === '6001');
  if (shared) shared.distributedTo = ['102'];
  sim = demoSim({ fixture });
});
afterEach(() => sim.close());

describe('simulator readings of the open contract points', () => {
  it('starts at the defaults and changes through the control API, refusing unknown values', async () => {
    expect(sim.readings()).toEqual(DEFAULT_READINGS);
    const put = await call(sim, '/__sim/readings', { method: 'PUT', auth: `Bearer ${CONTROL}`, body: { nodeDepartment: 'requested' } });
    expect(put.json).toMatchObject({ nodeDepartment: 'requested', statuses: 'list-and-column' });
    expect((await call(sim, '/__sim/readings', { method: 'PUT', auth: `Bearer ${CONTROL}`, body: { nodeDepartment: 'both' } })).status).toBe(400);
    expect((await call(sim, '/__sim/readings', { auth: null })).status).toBe(401);
  });

  it('activityFlags: required answers 400 unless onlySimple and excludeFinished are sent', async () => {
    expect((await call(sim, 'activities/filter?scorecardId=50')).status).toBe(200);
    sim.setReadings({ activityFlags: 'required' });
    const refused = await call(sim, 'activities/filter?scorecardId=50');
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ Success: false, Message: expect.stringContaining('onlySimple') });
    expect((await call(sim, 'activities/filter?scorecardId=50&onlySimple=False&excludeFinished=False')).status).toBe(200);
  });

  it('serves one activity row per activity and reporting department; the distributed activity is visible there', async () => {
    const rows = ActivitySchema.array().parse(await result(sim, 'activities/filter?id=6001'));
    expect(rows.map((r) => r.DepartmentId)).toEqual(['101', '102']);
    expect(
      ActivitySchema.array()
        .parse(await result(sim, 'activities/filter?scorecardId=50&departmentId=102'))
        .map((r) => r.Id),
    ).toContain('6001');
    const nodes = ScorecardNodeSchema.array().parse(await result(sim, 'scorecards/50/departments/102/nodes'));
    expect(nodes.find((n) => n.Id === '6001')?.Department.Id).toBe('101');
  });

  it("nodeDepartment: requested gives the department asked for as every node's Department", async () => {
    sim.setReadings({ nodeDepartment: 'requested' });
    const nodes = ScorecardNodeSchema.array().parse(await result(sim, 'scorecards/50/departments/102/nodes'));
    expect(new Set(nodes.map((n) => n.Department.Id))).toEqual(new Set(['102']));
    expect(nodes.some((n) => n.Id === '5001')).toBe(true);
  });

  it('statuses: per column by the filter, the list or only one of them', async () => {
    const column = StatusSchema.array().parse(await result(sim, 'statuses/filter?scorecardColumnId=512'));
    expect(column.map((s) => s.Id)).toEqual(['1', '2', '3']);
    sim.setReadings({ statuses: 'column-only' });
    expect((await call(sim, 'statuses')).status).toBe(404);
    sim.setReadings({ statuses: 'list-only' });
    expect((await call(sim, 'statuses/filter?scorecardColumnId=503')).status).toBe(404);
    expect(StatusSchema.array().parse(await result(sim, 'statuses'))).toHaveLength(4);
  });

  it("commentFilter: ignored returns every department's comments despite departmentId", async () => {
    const own = CommentSchema.array().parse(await result(sim, 'comments/5009/filter?departmentId=101'));
    expect(new Set(own.map((c) => c.DepartmentId))).toEqual(new Set(['101']));
    sim.setReadings({ commentFilter: 'ignored' });
    const all = CommentSchema.array().parse(await result(sim, 'comments/5009/filter?departmentId=101'));
    expect(new Set(all.map((c) => c.DepartmentId)).size).toBeGreaterThan(5);
  });

  it('parses the sim --reading option with the allowed values in its errors', () => {
    expect(parseReadingArg('kpiRounding=exact', { nodeDepartment: 'requested' })).toEqual({ nodeDepartment: 'requested', kpiRounding: 'exact' });
    expect(() => parseReadingArg('kpiRounding=sometimes')).toThrow(`expected one of ${READING_VALUES.kpiRounding.join(', ')}`);
    expect(() => parseReadingArg('rounding=exact')).toThrow(/unknown reading "rounding"/);
  });
});
