import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

/** A run whose reports cannot be written says so where the run is shown, not only in the log, and its alerts still go out. */

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
  it('records the report job failure in the run status, shown by /status and the status page; the write-back and the alert step still happen', async () => {
    const prefix = uniquePrefix();
    harness = await startSimHarness();
    // REPORT_DIR is a file: no report folder can be made under it (not mended by trying again).
    const reportDir = path.join(harness.stateDir, 'reports-is-a-file');
    writeFileSync(reportDir, 'not a folder');
    runtime = await startTestWorker(loadConfig(workerEnv(harness, redisUrl, prefix, { ADMIN_TOKEN: TOKEN, REPORT_DIR: reportDir })), true);
    await enqueueSyncNow(runtime.queues, {}, new Date());
    const [run] = await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (runs) => runs[0]?.report?.state === 'failed',
      60_000,
      'the report job to fail',
    );
    expect(run?.written).toBeGreaterThan(0);
    expect(run?.report?.jobId).toBe(`report-${run?.runId}`);
    expect(run?.report?.message).toMatch(/^the run's reports were not written: .*reports-is-a-file/);
    // The job records the run's report state before it throws, so it may not be failed in its queue yet.
    await waitFor(
      async () => (await runtime!.queues.queues.report.getJob(`report-${run?.runId}`))?.getState(),
      (state) => state === 'failed',
      30_000,
      'the report job to be failed in its queue',
    );
    const reportJob = await runtime.queues.queues.report.getJob(`report-${run?.runId}`);
    // Tried once: a file where the folder should be is not mended by trying again.
    expect(reportJob?.attemptsMade).toBe(1);
    expect(reportJob?.failedReason).toMatch(/^REPORT_NOT_WRITTEN: /);
    // The alert step was queued before the report job and ran regardless.
    const alerts = await waitFor(
      async () => (await runtime!.queues.queues.alerts.getJob(`alerts-${run?.runId}`))?.getState(),
      (state) => state === 'completed',
      30_000,
      'the alert step',
    );
    expect(alerts).toBe('completed');
    const status = (await runtime.http!.inject({ method: 'GET', url: '/status', headers: { authorization: `Bearer ${TOKEN}` } })).json();
    expect(status.lastRun.report).toMatchObject({ state: 'failed', message: expect.stringMatching(/reports were not written/) });
    const page = await runtime.http!.inject({ method: 'GET', url: '/', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(page.body).toMatch(/data-report-state="failed">✗ Rapportfilerna kunde inte skrivas: <span class="error-text">the run&#39;s reports were not written: /);
  }, 90_000);
});
