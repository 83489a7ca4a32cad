import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../src/sim/server.js';
import { KpiDataSchema } from '../../../src/stratsys/schemas.js';
import { call, CONTROL, demoSim, result } from './helpers.js';

let sim: SimServer;
beforeEach(() => {
  sim = demoSim();
});
afterEach(() => sim.close());

const write = (body: Record<string, unknown>) => call(sim, 'kpidata', { method: 'PUT', body });
const base = { KpiId: '9002', DepartmentId: '12', KpiColumnId: null, KpiColumnName: null, KpiColumnIndex: null };

describe('sim kpidata', () => {
  it('reads stored values with inclusive date bounds and column selectors', async () => {
    const year2019 = KpiDataSchema.array().parse(await result(sim, 'kpidata/9002/filter?departmentId=12&startDate=2019-01-01&endDate=2019-12-31'));
    expect(year2019).toHaveLength(7);
    expect(year2019.map((v) => v.KpiColumnIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(year2019.every((v) => v.Date === '2019-12-31')).toBe(true);
    expect(await result(sim, 'kpidata/9002/filter?departmentId=12&kpiColumnIndex=2')).toHaveLength(2);
    expect(await result(sim, 'kpidata/9002/filter?departmentId=12&kpiColumnName=SOCIAL%20H%C3%85LLBARHET&startDate=2019-12-31')).toEqual([
      expect.objectContaining({ KpiColumnId: '90022', Date: '2019-12-31' }),
    ]);
    expect(await result(sim, 'kpidata/9002/filter?departmentId=12&kpiColumnId=90020&endDate=2018-12-31')).toEqual([expect.objectContaining({ KpiColumnName: 'Totalt', Date: '2018-12-31' })]);
    expect(await result(sim, 'kpidata/9101/filter?departmentId=204')).toEqual([
      { KpiId: '9101', DepartmentId: '204', KpiColumnId: '9101204', KpiColumnName: 'Utfall', KpiColumnIndex: 0, Date: '2019-12-31', Value: 100 },
    ]);
  });

  it('stores a write and returns the stored value, by id, name (any case) or index', async () => {
    expect((await write({ ...base, KpiColumnId: '90021', Date: '2020-12-31', Value: 4 })).json).toEqual({ Result: 4, Success: true, Message: null });
    expect((await write({ ...base, KpiColumnName: 'social HÅLLBARHET', Date: '2020-12-31', Value: 2 })).json.Result).toBe(2);
    expect((await write({ ...base, KpiColumnIndex: 0, Date: '2020-12-31', Value: 9 })).json.Result).toBe(9);
    expect((await write({ ...base, KpiColumnIndex: 0, Date: '2020-12-31', Value: 10 })).json.Result).toBe(10);
    const stored = KpiDataSchema.array().parse(await result(sim, 'kpidata/9002/filter?departmentId=12&startDate=2020-01-01&endDate=2020-12-31'));
    expect(stored.map((v) => [v.KpiColumnId, v.Value])).toEqual([
      ['90020', 10],
      ['90021', 4],
      ['90022', 2],
    ]);
    expect(sim.stats().writes).toBe(4);
    expect(sim.kpiWrites().map((w) => [w.columnId, w.sent, w.stored, w.locked])).toEqual([
      ['90021', 4, 4, false],
      ['90022', 2, 2, false],
      ['90020', 9, 9, false],
      ['90020', 10, 10, false],
    ]);
  });

  it('stores a value rounded to the column\'s decimals and echoes the rounded value, unless the tenant reads "exact"', async () => {
    // 9005's columns keep whole percent; 9101's keep one decimal.
    expect((await write({ ...base, KpiId: '9005', KpiColumnId: '90051', Date: '2020-12-31', Value: 71.4 })).json.Result).toBe(71);
    expect((await write({ KpiId: '9101', DepartmentId: '103', KpiColumnId: '9101103', Date: '2020-12-31', Value: 66.66 })).json.Result).toBe(66.7);
    sim.setReadings({ kpiRounding: 'exact' });
    expect((await write({ ...base, KpiId: '9005', KpiColumnId: '90051', Date: '2020-12-31', Value: 71.4 })).json.Result).toBe(71.4);
    expect(sim.kpiWrites().map((w) => [w.sent, w.stored, w.locked])).toEqual([
      [71.4, 71, false],
      [66.66, 66.7, false],
      [71.4, 71.4, false],
    ]);
  });

  it('answers kpidata without departmentId per the kpiDataScope reading', async () => {
    const rows = (await result(sim, 'kpidata/9101/filter?startDate=2019-12-31&endDate=2019-12-31')) as Array<{ DepartmentId: string | null }>;
    expect(new Set(rows.map((r) => r.DepartmentId)).size).toBeGreaterThan(5);
    sim.setReadings({ kpiDataScope: 'no-department-id' });
    const bare = (await result(sim, 'kpidata/9101/filter?startDate=2019-12-31&endDate=2019-12-31')) as Array<{ DepartmentId: string | null }>;
    expect(bare.every((r) => r.DepartmentId === null)).toBe(true);
    sim.setReadings({ kpiDataScope: 'department-required' });
    expect((await call(sim, 'kpidata/9101/filter?startDate=2019-12-31')).status).toBe(400);
    expect(await result(sim, 'kpidata/9101/filter?departmentId=204')).toHaveLength(1);
  });

  it('accepts camelCase bodies and a per-unit column', async () => {
    const answer = await write({ kpiId: '9101', departmentId: '103', kpiColumnId: '9101103', date: '2020-12-31', value: 80 });
    expect(answer.json).toEqual({ Result: 80, Success: true, Message: null });
  });

  it('ignores a write into the locked period and answers the old value with Success', async () => {
    const before = KpiDataSchema.array().parse(await result(sim, 'kpidata/9002/filter?departmentId=12&kpiColumnId=90020&startDate=2018-12-31&endDate=2018-12-31'));
    const old = before[0]?.Value;
    expect(old).toEqual(expect.any(Number));
    const answer = await write({ ...base, KpiColumnId: '90020', Date: '2018-12-31', Value: 999 });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ Result: old, Success: true, Message: null });
    expect(await result(sim, 'kpidata/9002/filter?departmentId=12&kpiColumnId=90020&startDate=2018-12-31&endDate=2018-12-31')).toEqual(before);
    expect(sim.kpiWrites()).toEqual([expect.objectContaining({ sent: 999, stored: old, locked: true })]);
    expect((await write({ ...base, KpiColumnId: '90020', Date: '2019-12-31', Value: 999 })).json.Result).toBe(999);
  });

  it('answers an unknown KPI, or a KPI outside its departments, with 400 Kpi undefined', async () => {
    const unknown = await write({ ...base, KpiId: '1234567', DepartmentId: '1', KpiColumnIndex: 0, Date: '2020-12-31', Value: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ Result: null, Success: false, Message: "Kpi undefined: 1234567 ('Department: 1')" });
    expect((await write({ ...base, DepartmentId: '101', KpiColumnIndex: 0, Date: '2020-12-31', Value: 1 })).json.Message).toBe("Kpi undefined: 9002 ('Department: 101')");
  });

  it('rejects bodies without exactly one column selector, unknown columns, bad dates and missing fields', async () => {
    const none = await write({ ...base, Date: '2020-12-31', Value: 1 });
    expect(none.status).toBe(400);
    expect(none.json.Message).toContain('exactly one');
    expect((await write({ ...base, KpiColumnId: '90020', KpiColumnIndex: 0, Date: '2020-12-31', Value: 1 })).status).toBe(400);
    expect((await write({ ...base, KpiColumnName: 'Nope', Date: '2020-12-31', Value: 1 })).json.Message).toBe("KpiColumn undefined: Nope ('Kpi: 9002')");
    expect((await write({ ...base, KpiColumnIndex: 0, Date: '2020-02-30', Value: 1 })).status).toBe(400);
    const missing = await write({ KpiId: '9002', KpiColumnIndex: 0, Date: '2020-12-31', Value: 1 });
    expect(missing.status).toBe(400);
    expect(missing.json.Message).toContain('DepartmentId');
    expect((await call(sim, 'kpidata', { method: 'PUT', body: '{not json', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect(sim.kpiWrites()).toEqual([]);
  });

  it('exposes values and writes on the control API', async () => {
    await write({ ...base, KpiColumnId: '90021', Date: '2020-12-31', Value: 4 });
    const answer = await call<{ values: unknown[]; writes: unknown[] }>(sim, '/__sim/kpidata', { auth: `Bearer ${CONTROL}` });
    expect(answer.status).toBe(200);
    expect(answer.json.writes).toHaveLength(1);
    expect(answer.json.values).toContainEqual(expect.objectContaining({ KpiId: '9002', KpiColumnId: '90021', Date: '2020-12-31', Value: 4 }));
  });
});
