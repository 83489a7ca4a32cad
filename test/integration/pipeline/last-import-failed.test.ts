import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * File state (no Redis): a unit whose last import failed is not current. A one-unit re-run of
 * another unit keeps it failed (its values held back, the run incomplete, `latest` where it was),
 * and `report` shows its reports as unknown with the first-page notice, not as missing from its
 * older pull.
 */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const PERIOD = ['--year', '2020', '--as-of', '2021-03-01'];

function runs(yearDir: string): string[] {
  return readdirSync(path.join(yearDir, 'runs'));
}

describe('a unit whose last import failed, with file state', () => {
  it('stays failed in a one-unit re-run of another unit and is unknown in the report, until it is imported again', async () => {
    harness = await startSimHarness();
    const env = harness.env({ STRATSYS_MAX_RETRIES: '0' });
    const yearDir = path.join(harness.stateDir, 'reports', 'default', '2020');

    const first = await runCli(['run', '--once', ...PERIOD], env);
    expect(first.code, first.stderr).toBe(0);
    const latest = readlinkSync(path.join(yearDir, 'latest'));

    harness.sim.setFaults({ serverErrors: { count: 1000, status: 503, path: '/departments/203/' } });
    const failed = await runCli(['run', '--once', ...PERIOD], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/FAILED: Gävle Hamn AB/);
    expect(readlinkSync(path.join(yearDir, 'latest'))).toBe(latest);

    harness.sim.setFaults({ serverErrors: null });
    const writesBefore = harness.sim.kpiWrites().length;
    const before = new Set(runs(yearDir));
    const rerun = await runCli(['run', '--once', ...PERIOD, '--department', '101'], env);
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toMatch(/Pull: 1 unit pulled now, 8 from their stored pulls \(10 in all\), .* · FAILED: Gävle Hamn AB/);
    expect(rerun.stdout).toMatch(/unknown \(pull failed: Gävle Hamn AB\)/);
    expect(rerun.stdout).toMatch(/held back because Gävle Hamn AB could not be pulled/);
    expect(rerun.stdout).not.toMatch(/Gävle Hamn AB \(company\) · .* overdue/);
    const [runId] = runs(yearDir).filter((id) => !before.has(id));
    const manifest = JSON.parse(readFileSync(path.join(yearDir, 'runs', runId ?? '', 'run.json'), 'utf8')) as { isComplete: boolean; missingUnits: string[] };
    expect(manifest).toMatchObject({ isComplete: false, missingUnits: ['Gävle Hamn AB'] });
    expect(readlinkSync(path.join(yearDir, 'latest'))).toBe(latest);
    // Nothing that counts the failed unit is written: no aggregate (department 12), nothing for 203.
    const rerunWrites = harness.sim.kpiWrites().slice(writesBefore);
    expect(rerunWrites.filter((w) => w.departmentId === '12' || w.departmentId === '203')).toEqual([]);

    const report = await runCli(['report', '--format', 'md', ...PERIOD], env);
    expect(report.code, report.stderr).toBe(0);
    const firstPage = report.stdout.slice(0, 2000);
    expect(firstPage).toContain('Uppgifter saknas för Gävle Hamn AB');
    expect(report.stdout).not.toMatch(/Gävle Hamn AB[^\n]*Saknas/);

    // Imported again, the unit is current: the run is complete and `latest` moves to it.
    const recovered = await runCli(['run', '--once', ...PERIOD, '--department', '203'], env);
    expect(recovered.code, recovered.stdout).toBe(0);
    expect(readlinkSync(path.join(yearDir, 'latest'))).not.toBe(latest);
    const clean = await runCli(['report', '--format', 'md', ...PERIOD], env);
    expect(clean.stdout).not.toContain('Uppgifter saknas för');
  }, 120_000);
});
