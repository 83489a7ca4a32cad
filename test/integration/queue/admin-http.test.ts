import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { startRedisServer } from '../../support/redis-server.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

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

async function start(extra: Record<string, string> = {}) {
  const prefix = uniquePrefix();
  harness = await startSimHarness();
  runtime = await startTestWorker(loadConfig(workerEnv(harness, redisUrl, prefix, { ADMIN_TOKEN: TOKEN, ...extra })), true);
  return { prefix, http: runtime.http!, runtime };
}
const auth = { authorization: `Bearer ${TOKEN}` };

describe('admin HTTP', () => {
  it('serves /healthz without auth and refuses everything else without the token', async () => {
    const { http } = await start();
    expect((await http.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    for (const url of ['/readyz', '/metrics', '/status', '/admin/queues']) {
      expect((await http.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await http.inject({ method: 'GET', url, headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    }
    expect((await http.inject({ method: 'POST', url: '/departments/106/rerun' })).statusCode).toBe(401);
    expect((await http.inject({ method: 'GET', url: '/admin/queues', headers: auth })).statusCode).toBe(200);
  });

  it('reports readiness, metrics and per-unit status after a sync', async () => {
    const { http, prefix, runtime: rt } = await start();
    await enqueueSyncNow(rt.queues, {}, new Date());
    await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (r) => r.length >= 1,
      60_000,
      'the sync',
    );
    const ready = await http.inject({ method: 'GET', url: '/readyz', headers: auth });
    expect(ready.json()).toMatchObject({ ready: true, redis: true, stratsys: true });
    const metrics = (await http.inject({ method: 'GET', url: '/metrics', headers: auth })).body;
    expect(metrics).toMatch(/stratsys_sync_stratsys_requests_total\{endpoint="GET departments",status="200"\} 1/);
    expect(metrics).toMatch(/stratsys_sync_missing_reports\{focus_area="[a-z-]+"\} \d/);
    expect(metrics).toMatch(/stratsys_sync_last_nightly_success_timestamp_seconds [1-9]/);
    expect(metrics).toMatch(/stratsys_sync_jobs\{queue="import",state="completed"\} 10/);
    const status = (await http.inject({ method: 'GET', url: '/status', headers: auth })).json();
    expect(status.units).toHaveLength(10);
    expect(status).toMatchObject({ unitCounts: { total: 10, ok: 10, failed: 0 }, unitsPage: { offset: 0, limit: 100, next: null } });
    expect(status.lastRun).toMatchObject({ kind: 'nightly', outcome: 'complete' });
    const page = (await http.inject({ method: 'GET', url: '/status?limit=4&offset=8', headers: auth })).json();
    expect(page).toMatchObject({ unitCounts: { total: 10 }, unitsPage: { offset: 8, limit: 4, next: null } });
    expect(page.units).toHaveLength(2);
    expect((await http.inject({ method: 'GET', url: '/status?limit=0', headers: auth })).statusCode).toBe(400);
  });

  it('queues a re-run by id or name once, and answers 404 with close matches for an unknown unit', async () => {
    const { http, prefix, runtime: rt } = await start();
    await enqueueSyncNow(rt.queues, {}, new Date());
    await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (r) => r.length >= 1,
      60_000,
      'the sync',
    );
    await rt.queues.queues.control.pause();
    const first = await http.inject({ method: 'POST', url: '/departments/106/rerun', headers: auth });
    expect(first.statusCode).toBe(202);
    const again = await http.inject({ method: 'POST', url: `/departments/${encodeURIComponent('Kultur och fritid')}/rerun`, headers: auth });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ existing: true, jobId: first.json().jobId, unitId: '106' });
    const unknown = await http.inject({ method: 'POST', url: '/departments/Kultur/rerun', headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'UNKNOWN_DEPARTMENT', suggestions: ['106'] });
    expect((await http.inject({ method: 'POST', url: '/departments/106/rerun?year=abc', headers: auth })).statusCode).toBe(400);
    await rt.queues.queues.control.resume();
  });
});

describe('worker start-up checks', () => {
  it('refuses a Redis whose maxmemory-policy is not noeviction', async () => {
    harness = await startSimHarness();
    const lru = await startRedisServer({ maxmemoryPolicy: 'allkeys-lru' });
    try {
      await expect(startTestWorker(loadConfig(workerEnv(harness, lru.url, uniquePrefix())))).rejects.toThrow(/maxmemory-policy is "allkeys-lru"/);
    } finally {
      await lru.stop();
    }
  });

  it('refuses to serve HTTP on a public address without ADMIN_TOKEN', async () => {
    harness = await startSimHarness();
    await expect(startTestWorker(loadConfig(workerEnv(harness, redisUrl, uniquePrefix(), { HTTP_HOST: '0.0.0.0' })), true)).rejects.toThrow(/ADMIN_TOKEN: required/);
  });

  it('refuses an invalid cron pattern at boot', async () => {
    harness = await startSimHarness();
    await expect(startTestWorker(loadConfig(workerEnv(harness, redisUrl, uniquePrefix(), { NIGHTLY_CRON: '61 2 * * *' })))).rejects.toThrow(/NIGHTLY_CRON/);
  });
});
