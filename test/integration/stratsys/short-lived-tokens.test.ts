import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Client credentials against the simulator's token endpoint. */
function oauthEnv(h: SimHarness, extra: Record<string, string> = {}): Record<string, string> {
  return h.env({
    STRATSYS_AUTH: 'client-credentials',
    STRATSYS_COMPANY_CODE: h.fixture.companyCode,
    STRATSYS_TOKEN_URL: new URL('/oauth/token', h.baseUrl).href,
    STRATSYS_SCOPE: h.fixture.credentials.scope ?? 'https://web.stratsys.se/auth/v1/full.access',
    ...extra,
  });
}

describe('short-lived OAuth2 tokens and slow answers (simulated tenant)', () => {
  it('pulls every request of a unit with 1 s tokens at 0.6 s latency while requests wait for their rate slot', async () => {
    harness = await startSimHarness(undefined, 'mappings', { tokenTtlSeconds: 1, faults: { latency: { ms: 600 } } });
    // 8 requests/s with 8 in flight: requests wait in the pacer about as long as a token lives.
    const config = harness.config(oauthEnv(harness, { STRATSYS_MAX_RPS: '8', STRATSYS_MAX_CONCURRENCY: '8' }));
    const result = await harness.run({ config, unit: '105' });
    expect(result.pull.pulledUnitIds).toEqual(['105']);
    expect(result.pull.failures.filter((f) => f.departmentId === '105')).toEqual([]);
    expect(harness.sim.stats().byRoute['POST oauth/token']?.count).toBeGreaterThan(1);
  }, 120_000);
});

describe('the run summary when the overdue units could not be pulled (CLI, simulated tenant)', () => {
  it('never says nothing is overdue: it names the units whose reports are unknown', async () => {
    harness = await startSimHarness();
    // The units that have missing reports in the demo tenant all fail to pull.
    const clean = await harness.run({ dryRun: true });
    const overdueUnits = [...new Set(clean.assessment.evaluation.reports.filter((r) => r.state === 'missing').map((r) => r.unitId))].sort();
    expect(overdueUnits.length).toBeGreaterThan(0);
    harness.sim.setFaults({ serverErrors: { count: 100_000, status: 503, path: `/departments/(${overdueUnits.join('|')})/` } });
    const result = await runCli(['run', '--once', '--year', '2020', '--as-of', '2021-03-01'], harness.env({ STRATSYS_MAX_RETRIES: '0', MAPPINGS_DIR: 'mappings' }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Alerts:');
    expect(result.stdout).not.toMatch(/nothing overdue\./);
    expect(result.stdout).not.toContain('No missing reports.');
    // The summary names the units, not their ids.
    const line = new RegExp(`^No missing reports among the units that could be read; ${overdueUnits.length} unknown \\(pull failed: ([^)]+)\\)\\.$`, 'm').exec(result.stdout)?.[1];
    const names = overdueUnits.map((id) => clean.assessment.view.units.find((unit) => unit.id === id)?.name ?? id);
    expect(line?.split(', ').sort()).toEqual(names.sort());
    expect(result.stdout).toContain(`${overdueUnits.length} units have reports in an unknown state (${overdueUnits.join(', ')}: pull failed or evidence unreadable)`);
  }, 120_000);
});
