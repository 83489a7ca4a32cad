import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../../src/snapshot/schema.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

let harness: SimHarness;
beforeAll(async () => {
  harness = await startSimHarness();
});
afterAll(() => harness.close());

function modeEnv(mode: 'basic' | 'bearer' | 'client-credentials'): Record<string, string> {
  const { fixture } = harness;
  const base = { ...harness.env(), STRATSYS_AUTH: mode, MAPPINGS_DIR: 'mappings' };
  if (mode === 'bearer') return { ...base, STRATSYS_CLIENT_ID: '', STRATSYS_CLIENT_SECRET: fixture.credentials.bearerTokens[0] ?? '', STRATSYS_COMPANY_CODE: fixture.companyCode };
  if (mode === 'client-credentials') {
    return {
      ...base,
      STRATSYS_COMPANY_CODE: fixture.companyCode,
      STRATSYS_TOKEN_URL: new URL('/oauth/token', harness.baseUrl).href,
      STRATSYS_SCOPE: fixture.credentials.scope ?? 'https://web.stratsys.se/auth/v1/full.access',
    };
  }
  return base;
}

describe.each(['basic', 'bearer', 'client-credentials'] as const)('CLI against the simulator with %s auth', (mode) => {
  it('check prints the tenant and masks the secret', async () => {
    const env = modeEnv(mode);
    const result = await runCli(['check'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Stratsys access: Ok');
    expect(result.stdout).toContain(`Auth:            ${mode}`);
    expect(result.stdout).toContain('STRATSYS_CLIENT_SECRET=***');
    expect(result.stdout).not.toContain(env.STRATSYS_CLIENT_SECRET);
  });

  it('pull writes a validated snapshot of every unit', async () => {
    const out = path.join(harness.stateDir, `snapshot-${mode}.json`);
    const result = await runCli(['pull', '--year', '2020', '--out', out], modeEnv(mode));
    expect(result.code).toBe(0);
    const snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(snapshot.units.map((u) => u.departmentId).sort()).toEqual(['101', '102', '103', '104', '105', '106', '201', '202', '203', '204']);
    expect(snapshot.failures).toEqual([]);
  });
});

describe('mappings coverage without a snapshot file', () => {
  it('pulls live from Stratsys and reports coverage', async () => {
    const result = await runCli(['mappings', 'coverage', '--year', '2020', '--json'], modeEnv('basic'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).scorecards[0]).toMatchObject({ scorecardId: '50', mapped: 35, unmapped: 1 });
  });
});

describe('CLI errors', () => {
  it('a wrong secret is one clear line and exit 1', async () => {
    const result = await runCli(['check'], { ...modeEnv('basic'), STRATSYS_CLIENT_SECRET: 'wrong-secret-value' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error STRATSYS_AUTH_FAILED: GET authorizations\/CheckAccess → HTTP 401: .+$/);
    expect(result.stderr).not.toContain('wrong-secret-value');
  });

  it('a bad variable names it and what was expected, without a stack trace', async () => {
    const result = await runCli(['check'], { ...modeEnv('basic'), STRATSYS_MAX_RPS: 'lots' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error CONFIG_INVALID: invalid configuration: STRATSYS_MAX_RPS: /);
    expect(result.stderr).not.toContain('    at ');
  });

  it('a bad argument is rejected with usage help', async () => {
    const result = await runCli(['run', '--once', '--year', 'twenty'], modeEnv('basic'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--year must be a whole number');
  });

  it('an unknown department is an error with close matches', async () => {
    const result = await runCli(['pull', '--year', '2020', '--department', 'Omvårdnad', '--out', path.join(harness.stateDir, 'x.json')], modeEnv('basic'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('did you mean 104 "Omvårdnad Gävle"');
  });
});
