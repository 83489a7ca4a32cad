import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { createPageAuth, SESSION_COOKIE } from '../../../src/http/page/session.js';
import { memorySessionRevocations } from '../../../src/store/session-revocations.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { redisStatusStore } from '../../../src/store/status-store.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

const redisUrl = inject('redisUrl');
const TOKEN = 'report-admin-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;

afterEach(async () => {
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
});

async function start(options: { sync?: boolean; token?: string | null } = {}) {
  const prefix = uniquePrefix();
  harness = await startSimHarness();
  const token = options.token === undefined ? TOKEN : options.token;
  runtime = await startTestWorker(loadConfig(workerEnv(harness, redisUrl, prefix, token ? { ADMIN_TOKEN: token } : {})), true);
  if (options.sync ?? true) {
    await enqueueSyncNow(runtime.queues, {}, new Date());
    await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (runs) => runs.length >= 1,
      60_000,
      'the sync',
    );
  }
  return { http: runtime.http!, prefix, rt: runtime };
}

async function login(http: WorkerRuntime['http'] & object): Promise<string> {
  const response = await http.inject({ method: 'POST', url: '/login', payload: `token=${encodeURIComponent(TOKEN)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(response.statusCode).toBe(303);
  const cookie = String(response.headers['set-cookie']);
  return cookie.split(';')[0] ?? '';
}

describe('status page and report over HTTP', () => {
  it('needs the token: JSON 401 for tools, the login form for a browser, /login open', async () => {
    const { http } = await start({ sync: false });
    const tool = await http.inject({ method: 'GET', url: '/' });
    expect(tool.statusCode).toBe(401);
    expect(tool.headers['www-authenticate']).toBe('Bearer realm="stratsys-sync"');
    expect(tool.json()).toMatchObject({ error: 'unauthorized' });
    const browser = await http.inject({ method: 'GET', url: '/report', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(browser.statusCode).toBe(401);
    expect(browser.body).toContain('<form method="post" action="/login"');
    expect((await http.inject({ method: 'GET', url: '/login' })).statusCode).toBe(200);
    const wrong = await http.inject({ method: 'POST', url: '/login', payload: 'token=nope', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const before = await http.inject({ method: 'GET', url: '/', headers: bearer });
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Inget har hämtats från Stratsys än');
    expect((await http.inject({ method: 'GET', url: '/report', headers: bearer })).statusCode).toBe(404);
  });

  it('logs in with an HttpOnly SameSite=Strict cookie; unsafe requests by cookie need the page’s CSRF token, bearer calls do not', async () => {
    const { http, rt } = await start();
    const response = await http.inject({ method: 'POST', url: '/login', payload: `token=${TOKEN}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.headers.location).toBe('/');
    expect(response.headers['set-cookie']).toMatch(new RegExp(`^${SESSION_COOKIE}=\\d+\\.[\\w-]{22}\\.[\\w-]{43}; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict$`));
    const cookie = await login(http);
    const page = await http.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Logga ut');
    const csrf = /<meta name="csrf-token" content="([\w-]+)">/.exec(page.body)?.[1] ?? '';
    expect(csrf).toMatch(/^[\w-]{43}$/);
    expect((await http.inject({ method: 'GET', url: '/status', headers: { cookie } })).statusCode).toBe(200);
    await rt.queues.queues.control.pause();
    expect((await http.inject({ method: 'POST', url: '/departments/106/rerun', headers: { cookie } })).statusCode).toBe(403);
    expect((await http.inject({ method: 'POST', url: '/departments/106/rerun', headers: { cookie, 'x-csrf-token': 'A'.repeat(43) } })).statusCode).toBe(403);
    const queued = await http.inject({ method: 'POST', url: '/departments/106/rerun?year=2020', headers: { cookie, 'x-csrf-token': csrf } });
    expect(queued.statusCode).toBe(202);
    const viaBearer = await http.inject({ method: 'POST', url: '/departments/106/rerun', headers: bearer });
    expect(viaBearer.json()).toMatchObject({ existing: true, jobId: queued.json().jobId });
    expect((await http.inject({ method: 'POST', url: '/departments/106/rerun', headers: { ...bearer, 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
    await rt.queues.queues.control.resume();
    const out = await http.inject({ method: 'POST', url: '/logout', headers: { cookie } });
    expect(out.headers['set-cookie']).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0;`));
  });

  it('accepts a session signed by another replica with the same token, refuses expired and tampered ones', async () => {
    const { http } = await start({ sync: false });
    const replica = createPageAuth(TOKEN, () => new Date(), memorySessionRevocations());
    const fresh = replica.issueSession(new Date());
    expect((await http.inject({ method: 'GET', url: '/status', headers: { cookie: `${SESSION_COOKIE}=${fresh}` } })).statusCode).toBe(200);
    const expired = replica.issueSession(new Date(Date.now() - 9 * 3600_000));
    expect((await http.inject({ method: 'GET', url: '/status', headers: { cookie: `${SESSION_COOKIE}=${expired}` } })).statusCode).toBe(401);
    const [expiry, id, signature] = fresh.split('.');
    const tampered = `${Number(expiry) + 3600}.${id}.${signature}`;
    expect((await http.inject({ method: 'GET', url: '/status', headers: { cookie: `${SESSION_COOKIE}=${tampered}` } })).statusCode).toBe(401);
    const otherToken = createPageAuth('another-token-0123456789', () => new Date(), memorySessionRevocations()).issueSession(new Date());
    expect((await http.inject({ method: 'GET', url: '/status', headers: { cookie: `${SESSION_COOKIE}=${otherToken}` } })).statusCode).toBe(401);
  });

  it('serves the report as HTML, CSV and Markdown with safe headers, and validates the query', async () => {
    const { http } = await start();
    const page = await http.inject({ method: 'GET', url: '/report?year=2020', headers: bearer });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<h1>Uppföljning av internationellt arbete 2020</h1>');
    const csv = await http.inject({ method: 'GET', url: '/report?year=2020&format=csv', headers: bearer });
    expect(csv.headers['content-disposition']).toBe('attachment; filename="arsrapport-2020.csv"');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const md = await http.inject({ method: 'GET', url: '/report?year=2020&format=md', headers: bearer });
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    for (const url of ['/report?format=pdf', '/report?year=1999', '/report?year=2020&x=1', '/?year=abc']) {
      expect((await http.inject({ method: 'GET', url, headers: bearer })).statusCode).toBe(400);
    }
    expect((await http.inject({ method: 'GET', url: '/report?year=2030', headers: bearer })).statusCode).toBe(404);
    const later = await http.inject({ method: 'GET', url: '/?year=2030', headers: bearer });
    expect(later.body).toContain('Inget program i mappningen omfattar 2030.');
  });

  it("serves a stored run's report (?run=) in every format and the workbook, behind the same token", async () => {
    const { http, prefix } = await start();
    const [run] = await recordedRuns(redisUrl, prefix);
    const url = `/report?run=${run?.runId ?? ''}`;
    expect((await http.inject({ method: 'GET', url })).statusCode).toBe(401);
    // The run's report files are written after its summary is recorded.
    const page = await waitFor(
      () => http.inject({ method: 'GET', url, headers: bearer }),
      (r) => r.statusCode === 200,
      30_000,
      "the run's report",
    );
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<h1>Uppföljning av internationellt arbete 2020</h1>');
    expect(page.body).toContain(`<dd>${run?.runId ?? ''}</dd>`);
    const xlsx = await http.inject({ method: 'GET', url: `${url}&format=xlsx`, headers: bearer });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="arsrapport-2020.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('Rapporter')?.rowCount).toBeGreaterThan(2);
    const current = await http.inject({ method: 'GET', url: '/report?year=2020&format=xlsx', headers: bearer });
    expect(current.statusCode).toBe(200);
    expect((await http.inject({ method: 'GET', url: '/report?run=no-such-run', headers: bearer })).statusCode).toBe(404);
    for (const bad of ['/report?run=../etc', '/report?run=.hidden', `${url}&year=2020`]) {
      expect((await http.inject({ method: 'GET', url: bad, headers: bearer })).statusCode).toBe(400);
    }
  });

  it('embeds a nonce-bound style and script, and shows a unit whose last import failed as unknown', async () => {
    const { http, prefix } = await start();
    const redis = new Redis(redisUrl);
    await redisStatusStore(redis, `${prefix}:default`).recordUnit({
      unitId: '203',
      runId: 'r',
      at: new Date().toISOString(),
      outcome: 'failed',
      lastGoodPullAt: null,
      requests: null,
      error: 'connection <reset>',
    });
    redis.disconnect();
    const page = await http.inject({ method: 'GET', url: '/', headers: bearer });
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(page.body).toContain(`<style nonce="${nonce}">`);
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    expect(page.body).toContain('connection &lt;reset&gt;');
    expect(page.body).toMatch(/<th scope="row">Gävle Hamn AB<\/th><td>bolag<\/td>(<td><span class="state state-unknown">[^]*?<\/td>){7}<\/tr>/);
    const csv = (await http.inject({ method: 'GET', url: '/report?format=csv', headers: bearer })).body;
    expect(csv).toContain('Gävle Hamn AB;bolag;Okänt;');
  });

  it('works without a token on loopback, still refusing cross-site posts', async () => {
    const { http } = await start({ sync: false, token: null });
    expect((await http.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    expect((await http.inject({ method: 'GET', url: '/login' })).statusCode).toBe(303);
    expect((await http.inject({ method: 'POST', url: '/sync-now', headers: { 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
  });
});
