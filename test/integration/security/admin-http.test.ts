import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { loadConfig } from '../../../src/config/load.js';
import { createPageAuth, SESSION_COOKIE } from '../../../src/http/page/session.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { redisSessionRevocations } from '../../../src/store/session-revocations.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

const redisUrl = inject('redisUrl');
const TOKEN = 'security-admin-token-7Qx2p9';
const bearer = { authorization: `Bearer ${TOKEN}` };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;

afterEach(async () => {
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
});

async function start(extra: Record<string, string> = {}) {
  const prefix = uniquePrefix();
  harness = await startSimHarness();
  runtime = await startTestWorker(loadConfig(workerEnv(harness, redisUrl, prefix, { ADMIN_TOKEN: TOKEN, ...extra })), true);
  return { prefix, http: runtime.http!, rt: runtime };
}

async function sync(rt: WorkerRuntime, prefix: string): Promise<void> {
  await enqueueSyncNow(rt.queues, {}, new Date());
  await waitFor(
    () => recordedRuns(redisUrl, prefix),
    (runs) => runs.length >= 1,
    60_000,
    'the sync',
  );
}

describe('queue dashboard', () => {
  it('sends the status page’s security headers on the page and its assets', async () => {
    const { http } = await start();
    const page = await http.inject({ method: 'GET', url: '/admin/queues', headers: bearer });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)?.[1];
    const asset = await http.inject({ method: 'GET', url: `/admin/queues/${script}`, headers: bearer });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });

  it('is read-only by default: adding, pausing and cleaning are refused, retrying a failed job is not', async () => {
    const { http, rt } = await start();
    const alerts = rt.queues.queues.alerts;
    const add = await http.inject({
      method: 'POST',
      url: `/admin/queues/api/queues/${alerts.name}/add`,
      headers: { ...bearer, 'content-type': 'application/json' },
      payload: { name: 'send-alerts', data: { runId: 'x' } },
    });
    expect(add.statusCode).toBe(403);
    expect(await alerts.count()).toBe(0);
    for (const url of [
      `/api/queues/${alerts.name}/pause`,
      '/api/queues/pause',
      `/api/queues/${alerts.name}/clean/completed`,
      `/api/queues/${alerts.name}/obliterate`,
      `/api/queues/${alerts.name}/retry/completed`,
    ]) {
      expect((await http.inject({ method: 'PUT', url: `/admin/queues${url}`, headers: bearer })).statusCode, url).toBe(403);
    }
    expect(await alerts.isPaused()).toBe(false);

    // A job the worker fails at once (unknown name), then completed one: only the failed one may be retried.
    const imports = rt.queues.queues.import;
    const failed = await imports.add('not-a-job', {});
    await waitFor(
      () => failed.getState(),
      (state) => state === 'failed',
      20_000,
      'the job to fail',
    );
    const retry = await http.inject({ method: 'PUT', url: `/admin/queues/api/queues/${imports.name}/${failed.id}/retry`, headers: bearer });
    expect(retry.statusCode).toBe(204);
    await waitFor(
      () => imports.getJob(failed.id!).then((job) => job?.attemptsStarted ?? 0),
      (attempts) => attempts >= 2,
      20_000,
      'the retried job to run again',
    );
    expect((await http.inject({ method: 'PUT', url: `/admin/queues/api/queues/${imports.name}/retry/failed`, headers: bearer })).statusCode).toBe(200);
    expect((await http.inject({ method: 'PUT', url: `/admin/queues/api/queues/${imports.name}/nope/retry`, headers: bearer })).statusCode).toBe(403);
  });

  it('QUEUE_DASHBOARD=full allows every action', async () => {
    const { http, rt } = await start({ QUEUE_DASHBOARD: 'full' });
    const pause = await http.inject({ method: 'PUT', url: `/admin/queues/api/queues/${rt.queues.queues.alerts.name}/pause`, headers: bearer });
    expect(pause.statusCode).toBeLessThan(300);
    expect(await rt.queues.queues.alerts.isPaused()).toBe(true);
    await rt.queues.queues.alerts.resume();
  });
});

describe('sessions and login', () => {
  async function login(http: NonNullable<WorkerRuntime['http']>, remoteAddress = '127.0.0.1', token = TOKEN) {
    return http.inject({ method: 'POST', url: '/login', payload: `token=${encodeURIComponent(token)}`, headers: form, remoteAddress });
  }
  const cookieOf = (response: Awaited<ReturnType<typeof login>>) => String(response.headers['set-cookie']).split(';')[0] ?? '';

  it('gives every login its own cookie, and logout ends it on every replica', async () => {
    const { http, prefix } = await start();
    const [first, second] = await Promise.all([login(http), login(http)]);
    const a = cookieOf(first);
    const b = cookieOf(second);
    expect(a).not.toBe(b);
    expect((await http.inject({ method: 'GET', url: '/status', headers: { cookie: a } })).statusCode).toBe(200);
    expect((await http.inject({ method: 'POST', url: '/logout', headers: { cookie: a } })).statusCode).toBe(303);
    expect((await http.inject({ method: 'GET', url: '/status', headers: { cookie: a } })).statusCode).toBe(401);
    expect((await http.inject({ method: 'GET', url: '/status', headers: { cookie: b } })).statusCode).toBe(200);
    // Another replica (same token, same Redis) refuses the logged-out cookie too.
    const redis = new Redis(redisUrl);
    try {
      const replica = createPageAuth(TOKEN, () => new Date(), redisSessionRevocations(redis, `${prefix}:default:http-session-ended`));
      await expect(replica.check({ method: 'GET', url: '/status', headers: { cookie: a } })).resolves.toMatchObject({ ok: false, status: 401 });
      await expect(replica.check({ method: 'GET', url: '/status', headers: { cookie: b } })).resolves.toMatchObject({ ok: true, via: 'session' });
    } finally {
      redis.disconnect();
    }
    expect(a.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
  });

  it('answers 429 after 10 wrong tokens from one address, even to the right token, and not to other addresses', async () => {
    const { http } = await start();
    for (let i = 0; i < 10; i += 1) expect((await login(http, '192.0.2.7', `wrong-${i}`)).statusCode).toBe(401);
    const blocked = await login(http, '192.0.2.7');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(blocked.headers['set-cookie']).toBeUndefined();
    expect((await login(http, '192.0.2.8')).statusCode).toBe(303);
  });
});

describe('other admin HTTP answers', () => {
  it('/metrics labels jobs with unknown names as "other"', async () => {
    const { http, rt } = await start();
    const job = await rt.queues.queues.import.add('<img src=x>-a1b2c3', {});
    await waitFor(
      () => job.getState(),
      (state) => state === 'failed',
      20_000,
      'the job to fail',
    );
    await waitFor(
      async () => (await http.inject({ method: 'GET', url: '/metrics', headers: bearer })).body,
      (body) => body.includes('name="other"'),
      5_000,
      'the metric',
    );
    const metrics = (await http.inject({ method: 'GET', url: '/metrics', headers: bearer })).body;
    expect(metrics).toMatch(/stratsys_sync_job_duration_seconds_count\{queue="import",name="other",state="failed"\} 1/);
    expect(metrics).not.toContain('a1b2c3');
  });

  it('a failed import-unit with an invalid payload records no unit status: /status never shows its unit id', async () => {
    const { http, rt } = await start();
    const hostile = '<img src=x onerror=alert(1)>';
    const jobs = await Promise.all([
      rt.queues.queues.import.add('import-unit', { runId: 'r1', unitId: hostile, year: 'twenty' }),
      rt.queues.queues.import.add('import-unit', { runId: 'r1', unitId: 'x'.repeat(100_000), year: 2020 }),
    ]);
    for (const job of jobs)
      await waitFor(
        () => job.getState(),
        (state) => state === 'failed',
        20_000,
        'the job to fail',
      );
    expect(await rt.queues.queues.import.getJob(jobs[0]!.id!).then((job) => job?.failedReason)).toMatch(/^PAYLOAD_INVALID: import-unit: year: /);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the failure handler runs after the failed event
    const status = await http.inject({ method: 'GET', url: '/status', headers: bearer });
    expect(status.json().units).toEqual([]);
    expect(status.body).not.toContain('onerror');
  });

  it('a 409 names the mapping file, not the folder it lives in', async () => {
    const { http, rt, prefix } = await start({ MAPPINGS_DIR: path.resolve('mappings') });
    await sync(rt, prefix);
    const response = await http.inject({ method: 'POST', url: '/departments/106/rerun?year=2030', headers: bearer });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain('(gavle-2018-2020.yaml)');
    expect(response.body).not.toContain(path.resolve('mappings'));
  });
});
