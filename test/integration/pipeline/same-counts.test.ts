import { afterEach, describe, expect, inject, it } from 'vitest';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { loadConfig } from '../../../src/config/load.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { startTestWorker, uniquePrefix } from '../../support/worker.js';

/**
 * One period policy: `run --once`, `report`, `alerts preview`, `sync-now --wait` and the status
 * page, each given nothing but the same SYNC_YEAR / SYNC_AS_OF, count the same missing and late
 * reports for the same stored data.
 */

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

interface Counts {
  expected: number;
  onTime: number;
  late: number;
  missing: number;
}

/** The `Total` row of the run summary (run --once, sync-now --wait). */
function summaryTotals(stdout: string): Counts {
  const row = /^Total\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s/m.exec(stdout);
  if (!row) throw new Error(`no Total row in:\n${stdout}`);
  return { expected: Number(row[1]), onTime: Number(row[2]), late: Number(row[3]), missing: Number(row[4]) };
}

/** The `Totalt` row of the Markdown report's summary table. */
function reportTotals(markdown: string): Counts {
  const row = /^\| \*\*Totalt\*\* \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|/m.exec(markdown);
  if (!row) throw new Error('no Totalt row in the report');
  return { expected: Number(row[1]), onTime: Number(row[2]), late: Number(row[3]), missing: Number(row[4]) };
}

describe('the same counts everywhere under one SYNC_YEAR / SYNC_AS_OF', () => {
  it('run --once, report, alerts preview, sync-now --wait and the status page agree', async () => {
    harness = await startSimHarness();
    const prefix = uniquePrefix();
    const env = harness.env({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix, SYNC_YEAR: '2020', SYNC_AS_OF: '2021-03-01', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', TENANT_NAME: 'Gävle kommun' });

    const once = await runCli(['run', '--once'], env);
    expect(once.code, once.stderr).toBe(0);
    const counts = summaryTotals(once.stdout);
    expect(counts).toEqual({ expected: 32, onTime: 23, late: 1, missing: 8 });
    expect(once.stdout).toContain(`Missing reports (${counts.missing}):`);

    const report = await runCli(['report', '--format', 'md'], env);
    expect(report.code, report.stderr).toBe(0);
    expect(reportTotals(report.stdout)).toEqual(counts);

    const preview = await runCli(['alerts', 'preview', '--ignore-ledger'], env);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(new RegExp(`would be sent about ${counts.missing} missing reports`));

    runtime = await startTestWorker(loadConfig(env), true);
    const page = await runtime.http!.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`✗ ${counts.missing} saknas`);
    expect(page.body).toContain(`${counts.onTime + counts.late} av ${counts.expected} levererade`);
    const matrix = page.body.split('id="oversikt"')[1]?.split('</table>')[0] ?? '';
    expect(matrix.match(/class="state state-missing"/g)).toHaveLength(counts.missing);
    expect(matrix.match(/class="state state-late"/g)).toHaveLength(counts.late);

    const synced = await runCli(['sync-now', '--wait'], env);
    expect(synced.code, synced.stderr).toBe(0);
    expect(summaryTotals(synced.stdout)).toEqual(counts);
  });

  it('without them, the default year has no programme, and a past --year as of now is refused before anything is pulled', async () => {
    harness = await startSimHarness();
    const env = harness.env({});
    const [plain, dry, past] = await Promise.all([runCli(['run', '--once'], env), runCli(['run', '--once', '--dry-run'], env), runCli(['run', '--once', '--year', '2020'], env)]);
    for (const outcome of [plain, dry]) {
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(/^error MAPPING_NO_PERIOD: no mapping file covers the year \d{4}; periods: gavle-2018-2020 2018–2020/m);
    }
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/^error PERIOD_IMPLAUSIBLE: the year 2020 \(as asked\) evaluated as of .*--as-of 2021-03-01/m);
    expect(harness.sim.stats().total).toBe(0);
  });
});
