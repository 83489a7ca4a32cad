import { afterEach, describe, expect, inject, it } from 'vitest';
import { createProducerConnection } from '../../../src/queue/connection.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { createQueues } from '../../../src/queue/queues.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { startSmtpListener, type ReceivedMail, type SmtpListener } from '../../support/smtp.js';
import { spawnWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';
import { JOB_REGISTRY } from '../../../jobs/index.js';

const redisUrl = inject('redisUrl');
let harness: SimHarness | undefined;
let smtp: SmtpListener | undefined;
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await smtp?.stop();
  smtp = undefined;
  await harness?.close();
  harness = undefined;
});

const keyOf = (mail: ReceivedMail) => String(mail.parsed.headers.get('x-stratsys-sync-alert') ?? '');

describe('alert e-mails when a worker dies mid-send (real worker processes, real SMTP)', () => {
  it("a retried send-alerts job that finds the dead worker's claim waits for its lease and then sends, once", async () => {
    const prefix = uniquePrefix();
    harness = await startSimHarness();
    // The server sits on the first message's DATA: the worker is killed while it waits for the reply.
    smtp = await startSmtpListener({ holdData: { ms: 30_000, times: 1 } });
    const env = workerEnv(harness, redisUrl, prefix, { SMTP_URL: smtp.url, MAIL_FROM: 'stratsys-sync <noreply@gavle.example>', ALERT_CLAIM_LEASE_MS: '15000' });
    const producer = createProducerConnection(redisUrl);
    const queues = createQueues(producer, 'default', prefix, JOB_REGISTRY);
    cleanups.push(async () => {
      await queues.close();
      producer.disconnect();
    });
    const first = spawnWorker(env);
    cleanups.push(async () => first.kill('SIGKILL'));
    await waitFor(
      () => queues.queues.control.getJobSchedulers(),
      (s) => s.length === 1,
      30_000,
      'the first worker to start',
    );
    const queued = await enqueueSyncNow(queues, {}, new Date());
    const alertsJobId = `alerts-nightly-${queued.jobId}`;
    const listener = smtp;
    await waitFor(
      async () => listener.holding(),
      (n) => n === 1,
      60_000,
      'the first e-mail to be on the wire',
    );
    // A second replica is up before the first dies, so it retries the job well within the claim's lease.
    const second = spawnWorker({ ...env, LOG_LEVEL: 'info' });
    cleanups.push(async () => second.kill('SIGKILL'));
    await waitFor(
      async () => second.output(),
      (out) => out.includes('worker started'),
      30_000,
      'the second worker to start',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const job = await waitFor(
      async () => queues.queues.alerts.getJob(alertsJobId),
      (j) => j !== undefined && j.finishedOn !== undefined,
      45_000,
      'the alert job to finish on the second worker',
    );
    expect(await job?.getState()).toBe('completed');
    // The e-mail the dead worker never got accepted went out afterwards, and nothing went out twice.
    expect(listener.dropped).toHaveLength(1);
    const keys = listener.received.map(keyOf);
    expect(keys).toContain(keyOf(listener.dropped[0]!));
    expect(new Set(keys).size).toBe(keys.length);
    // The last pass sent the formerly claimed digest; the others were sent by the first pass.
    expect(job?.returnvalue).toMatchObject({ sent: 1, skipped: keys.length - 1, pending: 0, failed: 0 });
    // It waited for the claim instead of failing: no attempt was spent on the busy claim.
    expect(job?.attemptsMade).toBe(1);
  });
});
