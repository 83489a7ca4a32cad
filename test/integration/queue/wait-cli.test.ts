import { afterEach, describe, expect, inject, it } from 'vitest';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { loadConfig } from '../../../src/config/load.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, startTestWorker, uniquePrefix, workerEnv } from '../../support/worker.js';

const redisUrl = inject('redisUrl');
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;

afterEach(async () => {
  await runtime?.queues.queues.control.obliterate({ force: true }).catch(() => undefined);
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
});

async function worker(prefix: string) {
  harness = await startSimHarness();
  const env = workerEnv(harness, redisUrl, prefix, { TENANT_NAME: 'Gävle kommun' });
  runtime = await startTestWorker(loadConfig(env));
  return env;
}

describe('sync-now and rerun --wait follow the whole run', () => {
  it('sync-now --wait prints the run summary after imports, write-back and alerts, with plain progress lines off a terminal', async () => {
    const prefix = uniquePrefix();
    const env = await worker(prefix);
    const result = await runCli(['sync-now', '--wait'], env);
    // Plain progress lines (how many depends on how fast the imports run between two polls).
    expect(result.stderr).toMatch(/^(importing|evaluating and writing back) \d+\/10 units · \d+ requests?\b/m);
    expect(result.stderr).not.toContain('\r');
    expect(result.stdout).toContain('Sync queued\nGävle kommun · year 2020 as of 2021-03-01 00:00 (Europe/Stockholm) · programme Inriktning internationellt arbete 2018–2020');
    expect(result.stdout).toMatch(/^Pull: 10\/10 units, \d+ Stratsys requests$/m);
    expect(result.stdout).not.toContain(' 0 Stratsys requests');
    expect(result.stdout).toContain('Missing reports (8):');
    expect(result.stdout).toContain('due 2021-01-31 (grace to 2021-02-14) · 15 days overdue');
    expect(result.stdout).toMatch(/^Write-back: 47 written \(2 rounded by Stratsys[^)]*\), 0 unchanged/m);
    expect(result.stdout).toMatch(/^Alerts: not configured\.$/m);
    // The summary does not wait for the report files: it names the job that writes them.
    expect(result.stdout).toMatch(/^Reports: being written by job report-nightly-manual-\d+ \(report queue\); the run's report state is on \/status/m);
    expect(result.code).toBe(0);
    expect(await recordedRuns(redisUrl, prefix)).toHaveLength(1);
  });

  it('rerun --dry-run --wait shows the one-unit run and writes nothing; sync-now of a past year as of now is refused before queueing', async () => {
    const prefix = uniquePrefix();
    const env = await worker(prefix);
    expect((await runCli(['sync-now', '--wait'], env)).code).toBe(0);
    const writes = harness!.sim.stats().writes;
    const rerun = await runCli(['rerun', '--department', 'Kultur och fritid', '--dry-run', '--wait'], env);
    expect(rerun.stdout).toContain('Re-run of Kultur och fritid (dry run) queued');
    expect(rerun.stdout).toMatch(/^Pull: 1 unit pulled now, 9 from their stored pulls \(10 in all\), \d+ Stratsys requests$/m);
    expect(rerun.stdout).toMatch(/^Write-back \(dry run\): 0 values would change/m);
    expect(rerun.code).toBe(0);
    expect(harness!.sim.stats().writes).toBe(writes);
    expect(await recordedRuns(redisUrl, prefix)).toHaveLength(1);

    const { SYNC_YEAR: _year, SYNC_AS_OF: _asOf, ...unset } = env;
    // A worker configured with a past SYNC_YEAR and no SYNC_AS_OF does not start.
    await expect(startTestWorker(loadConfig({ ...unset, SYNC_YEAR: '2020' }))).rejects.toMatchObject({ code: 'PERIOD_IMPLAUSIBLE' });
    const refused = await runCli(['sync-now', '--year', '2020', '--wait'], unset);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error PERIOD_IMPLAUSIBLE: the year 2020 \(as asked\) evaluated as of .*--as-of 2021-03-01/);
    expect(refused.stdout).toBe('');
  });
});
