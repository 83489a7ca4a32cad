import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSim, simClock, tenantFromOptions } from '../../../src/cli/sim.js';
import { buildProgram } from '../../../src/cli/program.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { TenantFixtureSchema } from '../../../src/sim/fixture-refs.js';
import { BASIC } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

const run = async (...args: string[]) => (await buildProgram(['node', 'stratsys-sync', ...args])).exitOverride().parseAsync(['node', 'stratsys-sync', ...args]);

describe('simClock', () => {
  it('starts a date at Stockholm midnight and keeps running', () => {
    let real = 1_000_000;
    const clock = simClock('2021-02-20', () => real);
    expect(clock().toISOString()).toBe('2021-02-19T23:00:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2021-02-19T23:01:30.000Z');
    expect(simClock('2021-07-01T10:00:00Z', () => real)().toISOString()).toBe('2021-07-01T10:00:00.000Z');
    expect(simClock(undefined, () => 5)().getTime()).toBe(5);
  });
});

describe('stratsys-sync sim dump', () => {
  it('writes the demo fixture', async () => {
    const out = join(dir, 'demo.json');
    await run('sim', 'dump', '--out', out);
    const written = TenantFixtureSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(written).toEqual(buildDemoTenant());
  });

  it('writes a large fixture of the requested size', async () => {
    const out = join(dir, 'large.json');
    await run('sim', 'dump', '--large', '--units', '5', '--activities', '12', '--comments', '30', '--kpi-values', '9', '--out', out);
    const written = TenantFixtureSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(written.nodes.filter((n) => n.columnId === '503')).toHaveLength(12);
    expect(written.comments).toHaveLength(30);
    expect(written.kpiData).toHaveLength(9);
  });

  it('refuses --tenant together with --large', async () => {
    await expect(tenantFromOptions({ tenant: 'x.json', large: true })).rejects.toThrow('--tenant cannot be combined');
  });
});

describe('stratsys-sync sim', () => {
  it('prints the base URL and env, serves until aborted, then closes', async () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const controller = new AbortController();
    const running = runSim({ port: 0, host: '127.0.0.1', tokenTtl: 60, now: '2021-02-20', controlToken: 'ctl' }, { out, signal: controller.signal });
    await vi.waitFor(() => expect(lines.join('')).toContain('STRATSYS_BASE_URL='), { timeout: 5000 });
    const line = lines.join('');
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(line).toMatch(
      /STRATSYS_AUTH=basic STRATSYS_CLIENT_ID=gavle-sync-demo STRATSYS_CLIENT_SECRET=sim-secret-gavle STRATSYS_COMPANY_CODE=GAVLE STRATSYS_TOKEN_URL=http:\/\/127\.0\.0\.1:\d+\/oauth\/token SIM_CONTROL_TOKEN=ctl/,
    );
    const base = /STRATSYS_BASE_URL=(\S+)/.exec(line)?.[1] ?? '';
    const response = await fetch(new URL('stratsys-apps/reportlists/910/users/me?showAll=true', base), { headers: { authorization: BASIC } });
    const body = (await response.json()) as { Result: { Deadline: { DaysDelayed: number } }[] };
    expect(body.Result[0]?.Deadline.DaysDelayed).toBe(20);
    controller.abort();
    await running;
    await expect(fetch(new URL('departments', base), { headers: { authorization: BASIC } })).rejects.toThrow();
  });

  it('fails with one clear line naming the tenant file and the field path', async () => {
    const file = join(dir, 'bad-tenant.json');
    const fixture = buildDemoTenant();
    (fixture.departments[1] as { ParentId: unknown }).ParentId = '4711';
    await writeFile(file, JSON.stringify(fixture));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await run('sim', '--tenant', file, '--port', '0');
    expect(process.exitCode).toBe(1);
    expect(String(stderr.mock.calls[0]?.[0])).toBe(`error CLI_USAGE: tenant file ${file} is invalid: departments.1.ParentId: unknown department "4711"\n`);
  });
});
