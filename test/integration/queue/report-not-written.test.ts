import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

/** A run whose reports cannot be written says so where the run is shown, not only in the log. */

const redisUrl = inject('redisUrl');
const TOKEN = 'test-admin-token-0123456789';
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;

afterEach(async () => {
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
});

describe('a run whose reports cannot be written', () => {
  it('records the run with a message naming the reports not written, shown by /status; the write-back still happens', async () => {
    const prefix = uniquePrefix();
    harness = await startSimHarness();
    // REPORT_DIR is a file: no report folder can be made under it.
    const reportDir = path.join(harness.stateDir, 'reports-is-a-file');
    writeFileSync(reportDir, 'not a folder');
    runtime = await startTestWorker(loadConfig(workerEnv(harness, redisUrl, prefix, { ADMIN_TOKEN: TOKEN, REPORT_DIR: reportDir })), true);
    await enqueueSyncNow(runtime.queues, {}, new Date());
    const [run] = await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (runs) => runs.length >= 1,
      60_000,
      'the sync',
    );
    expect(run?.written).toBeGreaterThan(0);
    expect(run?.message).toMatch(/^the run's reports were not written: .*reports-is-a-file/);
    const status = (await runtime.http!.inject({ method: 'GET', url: '/status', headers: { authorization: `Bearer ${TOKEN}` } })).json();
    expect(status.lastRun.message).toMatch(/reports were not written/);
  }, 90_000);
});
