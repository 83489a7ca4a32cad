import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { createAlertRunnerFactory } from '../../../src/app/compose.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { systemClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { redisStatusStore } from '../../../src/store/status-store.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

/** A run's alert step e-mails what the run's evaluation found, recorded with the run: it reads no stored pull again. */

const redisUrl = inject('redisUrl');
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;
let redis: Redis | undefined;

afterEach(async () => {
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
  redis?.disconnect();
  redis = undefined;
});

/** Deletes every stored pull (reference data, snapshots and facts) under the worker's prefix. */
async function deleteStoredPulls(client: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*:snapshot:*`, 'COUNT', 500);
    if (keys.length > 0) deleted += await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

/** A simulator and a worker as `stratsys-sync worker` starts it: with the alert step (the harness's file outbox). */
async function startAlertWorker() {
  const prefix = uniquePrefix();
  harness = await startSimHarness();
  const config = loadConfig(workerEnv(harness, redisUrl, prefix));
  const worker = await startWorkerRuntime({ config, logger: silentLogger(), clock: systemClock, alerts: createAlertRunnerFactory(config, silentLogger(), systemClock) });
  runtime = worker;
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis = client;
  return { prefix, client, queues: worker.queues, stateDir: harness.stateDir, status: redisStatusStore(client, `${prefix}:default`), alertsQueue: worker.queues.queues.alerts };
}

describe('the alert step of a run', () => {
  it('sends what the run found from what the run recorded, with every stored pull gone meanwhile, and, once sent, records the step as done, so a retry sends nothing', async () => {
    const { prefix, client, queues, stateDir, status, alertsQueue } = await startAlertWorker();

    // The alert queue held: the run finishes with its evaluation recorded for the alert step.
    await alertsQueue.pause();
    await enqueueSyncNow(queues, {}, new Date());
    const [run] = await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (runs) => runs.length > 0,
      60_000,
      'the run to be recorded',
    );
    if (run === undefined) throw new Error('no run recorded');
    expect(run.missingReports).toBeGreaterThan(0);
    const recorded = (await status.runDetail(run.runId, 'alerts')) as { runId: string; source: { missing: Array<{ id: string }> } };
    expect(recorded.runId).toBe(run.runId);
    expect(recorded.source.missing).toHaveLength(run.missingReports);

    // Evaluating the store again could only fail now (no stored pull): the step sends from the record.
    expect(await deleteStoredPulls(client, prefix)).toBeGreaterThan(2);
    await alertsQueue.resume();
    const state = await waitFor(
      async () => (await alertsQueue.getJob(`alerts-${run.runId}`))?.getState(),
      (found) => found === 'completed' || found === 'failed',
      30_000,
      'the alert step',
    );
    const job = await alertsQueue.getJob(`alerts-${run.runId}`);
    expect({ state, failedReason: job?.failedReason }).toEqual({ state: 'completed', failedReason: undefined });
    const outcome = job!.returnvalue as { sent: number; failed: number };
    expect(outcome.failed).toBe(0);
    expect(outcome.sent).toBeGreaterThan(0);
    const mails = readdirSync(path.join(stateDir, 'outbox')).filter((name) => name.endsWith('.eml'));
    expect(mails).toHaveLength(outcome.sent);
    expect(await status.runDetail(run.runId, 'alerts')).toEqual({ format: 1, runId: run.runId, asOf: run.asOf, doneAt: expect.any(String) });

    // Retried after it completed (from the queue board): it knows it is done; it neither evaluates the store now nor sends.
    await job!.retry('completed');
    const again = await waitFor(
      async () => {
        const found = await alertsQueue.getJob(`alerts-${run.runId}`);
        return { state: await found?.getState(), returned: found?.returnvalue as { skipped?: string } | undefined, failedReason: found?.failedReason };
      },
      (found) => (found.state === 'completed' && found.returned?.skipped !== undefined) || found.state === 'failed',
      30_000,
      'the retried alert step',
    );
    expect(again).toEqual({ state: 'completed', returned: { skipped: expect.stringMatching(/^the alert step of run .+ was done at .+; nothing is sent again/) }, failedReason: undefined });
    expect(readdirSync(path.join(stateDir, 'outbox')).filter((name) => name.endsWith('.eml'))).toHaveLength(outcome.sent);
  }, 90_000);

  it('sends nothing from a record it cannot read or parse (not retried), and evaluates the stored pull again, as of the run, for a run that recorded none', async () => {
    const { prefix, client, queues, stateDir, status, alertsQueue } = await startAlertWorker();
    const outbox = () => readdirSync(path.join(stateDir, 'outbox')).filter((name) => name.endsWith('.eml'));
    const settled = async (runId: string) => {
      await waitFor(
        async () => (await alertsQueue.getJob(`alerts-${runId}`))?.getState(),
        (state) => state === 'completed' || state === 'failed',
        30_000,
        'the alert step',
      );
      return (await alertsQueue.getJob(`alerts-${runId}`))!;
    };
    const nightly = async (at: Date, change: (runId: string) => Promise<void>) => {
      await alertsQueue.pause();
      const before = (await recordedRuns(redisUrl, prefix)).length;
      await enqueueSyncNow(queues, {}, at);
      const runs = await waitFor(
        () => recordedRuns(redisUrl, prefix),
        (list) => list.length > before,
        60_000,
        'the run to be recorded',
      );
      const runId = runs[0]!.runId;
      await change(runId);
      await alertsQueue.resume();
      return settled(runId);
    };

    // Damaged: the job fails at once, naming the record, and nothing is sent.
    const damaged = await nightly(new Date(), async (runId) => {
      const record = (await status.runDetail(runId, 'alerts')) as { source: Record<string, unknown> };
      await status.recordRunDetail(runId, 'alerts', { ...record, source: { ...record.source, missing: 'not a list' } });
    });
    expect(await damaged.getState()).toBe('failed');
    expect(damaged.attemptsMade).toBe(1);
    expect(damaged.failedReason).toMatch(/^ALERT_SOURCE_INVALID: the evaluation run .+ recorded for its alert step cannot be read \(source\.missing: /);
    expect(readdirSync(stateDir).includes('outbox') ? outbox() : []).toEqual([]);

    // Not JSON at all: refused the same way, not retried as an internal error.
    const notJson = await nightly(new Date(Date.now() + 500), async (runId) => {
      await client.hset(`${prefix}:default:status:run-alerts`, runId, '{"format":1,');
    });
    expect({ state: await notJson.getState(), attempts: notJson.attemptsMade }).toEqual({ state: 'failed', attempts: 1 });
    expect(notJson.failedReason).toMatch(/^ALERT_SOURCE_INVALID: the evaluation run .+ recorded for its alert step is not JSON; nothing is sent from it$/);

    // None recorded (a run queued by an older worker): the stored pull is evaluated again, and the e-mails go out.
    const unrecorded = await nightly(new Date(Date.now() + 1_000), (runId) => status.dropRunDetail(runId, 'alerts'));
    expect({ state: await unrecorded.getState(), failedReason: unrecorded.failedReason }).toEqual({ state: 'completed', failedReason: undefined });
    expect((unrecorded.returnvalue as { sent: number }).sent).toBeGreaterThan(0);
    expect(outbox()).toHaveLength((unrecorded.returnvalue as { sent: number }).sent);
  }, 120_000);
});
