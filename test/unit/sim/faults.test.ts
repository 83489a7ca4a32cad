import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultEngine } from '../../../src/sim/faults.js';
import { createSimServer, type SimServer } from '../../../src/sim/server.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { DepartmentSchema } from '../../../src/stratsys/schemas.js';
import { call, CONTROL, demoSim, NOW } from './helpers.js';

let sim: SimServer;
beforeEach(() => {
  sim = demoSim();
});
afterEach(() => sim.close());

const statuses = async (path: string, times: number) => {
  const out: number[] = [];
  for (let i = 0; i < times; i += 1) out.push((await call(sim, path)).status);
  return out;
};
const control = (path: string, options: { method?: 'GET' | 'PUT' | 'POST'; body?: unknown; auth?: string | null } = {}) =>
  call<Record<string, unknown>>(sim, `/__sim/${path}`, { auth: `Bearer ${CONTROL}`, ...options });

describe('sim faults', () => {
  it('delays matching requests by a fixed latency', async () => {
    sim.setFaults({ latency: { ms: 150, path: 'statuses' } });
    let started = performance.now();
    expect((await call(sim, 'statuses')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    started = performance.now();
    await call(sim, 'departments');
    expect(performance.now() - started).toBeLessThan(140);
  });

  it('rate-limits across the server with 429 and Retry-After seconds', async () => {
    sim.setFaults({ rateLimit: { rps: 3 } });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await call(sim, 'statuses'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
    expect(answers[3]?.headers['retry-after']).toBe('1');
    expect(answers[3]?.json).toMatchObject({ Success: false, Result: null });
  });

  it('lets the rate-limit window slide (engine with an injected monotonic clock)', () => {
    let ms = 0;
    const engine = new FaultEngine(
      { rateLimit: { rps: 2 } },
      () => NOW,
      () => ms,
    );
    const kinds = () => engine.decide('/api/v1/statuses').kind;
    expect([kinds(), kinds(), kinds()]).toEqual(['pass', 'pass', 'status']);
    ms = 999;
    expect(kinds()).toBe('status');
    ms = 1000;
    expect([kinds(), kinds(), kinds()]).toEqual(['pass', 'pass', 'status']);
  });

  it('answers the next N requests with 429, Retry-After as seconds or as an HTTP date', async () => {
    sim.setFaults({ tooManyRequests: { count: 2, retryAfterSeconds: 7 } });
    const first = await call(sim, 'statuses');
    expect([first.status, first.headers['retry-after']]).toEqual([429, '7']);
    expect(await statuses('statuses', 2)).toEqual([429, 200]);
    expect(sim.faults().tooManyRequests).toBeNull();
    sim.setFaults({ tooManyRequests: { count: 1, retryAfterSeconds: 30, retryAfterFormat: 'http-date' } });
    const dated = await call(sim, 'statuses');
    expect(dated.status).toBe(429);
    expect(dated.headers['retry-after']).toBe(new Date(NOW.getTime() + 30_000).toUTCString());
  });

  it('answers the next N requests with the chosen gateway error', async () => {
    sim.setFaults({ serverErrors: { count: 2, status: 502 } });
    const answer = await call(sim, 'statuses');
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(await statuses('statuses', 2)).toEqual([502, 200]);
    sim.setFaults({ serverErrors: { count: 1 } });
    expect(await statuses('statuses', 2)).toEqual([503, 200]);
    sim.setFaults({ serverErrors: { count: 1, status: 504 } });
    expect(await statuses('statuses', 1)).toEqual([504]);
  });

  it('drops the connection of the next N requests', async () => {
    sim.setFaults({ connectionResets: { count: 1 } });
    await expect(call(sim, 'statuses')).rejects.toThrow();
    expect((await call(sim, 'statuses')).status).toBe(200);
    expect(sim.stats().byRoute['GET statuses']?.byStatus).toEqual({ reset: 1, '200': 1 });
  });

  it('cuts the next N JSON bodies short', async () => {
    const whole = await call(sim, 'statuses');
    sim.setFaults({ malformedJson: { count: 1 } });
    const broken = await call(sim, 'statuses');
    expect(broken.status).toBe(200);
    expect(broken.headers['content-type']).toMatch(/^application\/json/);
    expect(() => JSON.parse(broken.body)).toThrow();
    expect(whole.body.startsWith(broken.body)).toBe(true);
    expect(JSON.parse((await call(sim, 'statuses')).body)).toEqual(whole.json);
  });

  it('drifts the schema on matching paths until cleared', async () => {
    sim.setFaults({ schemaDrift: { field: 'Name', path: '/departments' } });
    const dropped = (await call<{ Result: Record<string, unknown>[] }>(sim, 'departments')).json.Result;
    expect(dropped[0]).toEqual({ Id: '1', ParentId: null, ShortName: 'GK' });
    expect(DepartmentSchema.array().safeParse(dropped).success).toBe(false);
    expect((await call<{ Result: Record<string, unknown>[] }>(sim, 'scorecards')).json.Result[0]).toHaveProperty('Name');
    sim.setFaults({ schemaDrift: { field: 'Id', mode: 'object' } });
    expect((await call(sim, 'departments/root')).json.Result).toMatchObject({ Id: { Value: '1' }, Name: 'Gävle kommun' });
    sim.setFaults({ schemaDrift: { field: 'ParentId', mode: 'null', path: 'departments/filter' } });
    expect((await call<{ Result: { ParentId: unknown }[] }>(sim, 'departments/filter?parentId=200')).json.Result.every((d) => d.ParentId === null)).toBe(true);
    sim.setFaults({ schemaDrift: null });
    expect(DepartmentSchema.array().safeParse((await call(sim, 'departments')).json.Result).success).toBe(true);
  });

  it('counts only requests matching the path pattern, in arrival order', async () => {
    sim.setFaults({ serverErrors: { count: 1, path: '/comments/' }, tooManyRequests: { count: 1, path: 'comments' } });
    expect(await statuses('departments', 2)).toEqual([200, 200]);
    expect(await statuses('comments/6001/filter?departmentId=101', 3)).toEqual([429, 503, 200]);
  });

  it('validates faults', () => {
    expect(() => sim.setFaults({ serverErrors: { count: 1, status: 500 as 502 } })).toThrow();
    expect(() => sim.setFaults({ latency: { ms: 10, path: '(' } })).toThrow();
    expect(sim.faults().latency).toBeNull();
  });
});

describe('sim control API', () => {
  it('refuses calls without the control token', async () => {
    expect((await control('faults', { auth: null })).status).toBe(401);
    expect((await control('stats', { auth: 'Bearer wrong' })).status).toBe(401);
    expect((await control('stats', { auth: `Basic ${CONTROL}` })).status).toBe(401);
    expect((await control('stats')).status).toBe(200);
  });

  it('generates a control token when none is given', async () => {
    const own = createSimServer({ fixture: buildDemoTenant() });
    expect(own.controlToken.length).toBeGreaterThanOrEqual(20);
    const answer = await own.app.inject({ url: '/__sim/faults', headers: { authorization: `Bearer ${own.controlToken}` } });
    expect(answer.statusCode).toBe(200);
    await own.close();
  });

  it('reads and changes faults, rejecting invalid ones with 400', async () => {
    const updated = await control('faults', { method: 'PUT', body: { serverErrors: { count: 1, status: 504 } } });
    expect(updated.json.serverErrors).toEqual({ count: 1, status: 504 });
    expect((await control('faults')).json).toMatchObject({ serverErrors: { count: 1, status: 504 }, latency: null });
    expect(await statuses('statuses', 2)).toEqual([504, 200]);
    const invalid = await control('faults', { method: 'PUT', body: { serverErrors: { count: -1 } } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.issues).toEqual([expect.stringContaining('serverErrors.count')]);
    expect((await control('faults', { method: 'PUT', body: { unknownFault: 1 } })).status).toBe(400);
  });

  it('counts requests by route template and status, excluding the control API, and resets', async () => {
    await call(sim, 'comments/6001/filter?departmentId=101');
    await call(sim, 'comments/6002/filter?departmentId=101');
    await call(sim, 'departments/999');
    await call(sim, 'departments', { auth: null });
    await call(sim, 'nothing/here');
    await call(sim, 'kpidata', { method: 'PUT', body: { KpiId: '9006', DepartmentId: '12', KpiColumnIndex: 0, Date: '2020-12-31', Value: 3 } });
    const stats = (await control('stats')).json;
    expect(stats).toEqual({
      total: 6,
      writes: 1,
      byStatus: { '200': 3, '400': 1, '401': 1, '404': 1 },
      byRoute: {
        'GET comments/{nodeId}/filter': { count: 2, byStatus: { '200': 2 } },
        'GET departments/{id}': { count: 1, byStatus: { '400': 1 } },
        'GET departments': { count: 1, byStatus: { '401': 1 } },
        'GET (unmatched)': { count: 1, byStatus: { '404': 1 } },
        'PUT kpidata': { count: 1, byStatus: { '200': 1 } },
      },
    });
    expect((await control('reset-stats', { method: 'POST' })).status).toBe(204);
    expect(sim.stats()).toEqual({ total: 0, writes: 0, byStatus: {}, byRoute: {} });
  });
});

describe('random faults', () => {
  const decisions = (engine: FaultEngine, n: number) => Array.from({ length: n }, () => engine.decide('/api/v1/departments'));
  const kindOf = (decision: ReturnType<FaultEngine['decide']>) => (decision.kind === 'status' ? String(decision.status) : decision.kind);

  it('fail about `rate` of the matching requests with 429, 503 and resets, the same ones for the same seed', () => {
    const engine = new FaultEngine({ random: { rate: 0.2, seed: 7 } }, () => new Date(NOW));
    const first = decisions(engine, 2_000).map(kindOf);
    const failed = first.filter((kind) => kind !== 'pass');
    expect(failed.length).toBeGreaterThan(320);
    expect(failed.length).toBeLessThan(480);
    expect(new Set(failed)).toEqual(new Set(['429', '503', 'reset']));
    const again = new FaultEngine({ random: { rate: 0.2, seed: 7 } }, () => new Date(NOW));
    expect(decisions(again, 2_000).map(kindOf)).toEqual(first);
  });

  it('send Retry-After with a 429, only on matching paths, and stop when cleared', () => {
    const engine = new FaultEngine({ random: { rate: 1, kinds: ['429'], retryAfterSeconds: 2, path: 'departments' } }, () => new Date(NOW));
    expect(engine.decide('/api/v1/departments')).toEqual({ kind: 'status', status: 429, retryAfter: '2' });
    expect(engine.decide('/api/v1/scorecards').kind).toBe('pass');
    engine.set({ random: null });
    expect(engine.decide('/api/v1/departments').kind).toBe('pass');
  });
});
