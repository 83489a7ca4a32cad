import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';
import { BASE_MAPPING } from '../../support/builders.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'mappings-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real CLI in a child process (no Stratsys credentials in its environment). */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'mappings', ...args], { cwd: ROOT, env: childEnv }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr });
    });
  });
}

describe('stratsys-sync mappings', () => {
  it('validate lists every problem of every file as file:line path: message and exits 1', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, stringify({ ...BASE_MAPPING, alerts: { internationalOffice: 'io@k.example', langauge: 'sv' }, rules: [{ label: 'x', match: { ancestor: 1 }, focusArea: 'okand' }] }));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'id: x\nname: a: b\n');
    const result = await cli(['validate', bad, broken]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${bad}:\\d+ rules\\[0\\]\\.focusArea: unknown focus area "okand"`)),
      expect.stringMatching(new RegExp(`^${bad}:\\d+ alerts\\.langauge: unknown key "langauge" \\(did you mean "language"\\?\\)`)),
      expect.stringMatching(new RegExp(`^${broken}:2: YAML syntax: `)),
    ]);
    expect(result.stderr).toBe('error MAPPING_INVALID: 3 problems in 2 files\n');
  }, 30_000);

  it('validate without files checks MAPPINGS_DIR, skipping the template', async () => {
    const result = await cli(['validate', '--json'], { MAPPINGS_DIR: join(ROOT, 'mappings') });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, problems: [], files: [{ id: 'gavle-2018-2020', startYear: 2018, endYear: 2020 }] });
  }, 30_000);

  it('coverage and explain read a snapshot file', async () => {
    const file = join(dir, 'snapshot.json');
    writeFileSync(file, JSON.stringify(snapshotFromFixture(buildDemoTenant(), { tenantId: 'gavle', pulledAt: '2021-03-10T08:00:00Z' })));
    const env = { MAPPINGS_DIR: join(ROOT, 'mappings') };
    const report = await cli(['coverage', '--snapshot', file, '--json'], env);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).scorecards[0]).toMatchObject({ scorecardId: '50', mapped: 35, unmapped: 1 });
    const explained = await cli(['explain', '6020', '--snapshot', file, '--year', '2020'], env);
    expect(explained.stdout.split('\n')[0]).toBe('node 6020 maps to focus area "miljo" by rule "Fält Fokusområde – Miljö" (description-field)');
    // Without --snapshot it pulls live, which needs the Stratsys settings.
    const live = await cli(['coverage'], env);
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(/^error CONFIG_INVALID: invalid configuration: STRATSYS_CLIENT_ID: required when STRATSYS_AUTH=basic/);
  }, 60_000);
});
