import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { loadConfig } from '../../../src/config/load.js';
import { collectPageErrors, launchChromium, saveScreenshot } from '../../support/browser.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { startTestWorker, uniquePrefix, workerEnv } from '../../support/worker.js';

const redisUrl = inject('redisUrl');
let browser: Browser;
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;
let context: BrowserContext | undefined;
let attacker: http.Server | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
  attacker = undefined;
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
});

/** A worker in loopback mode without ADMIN_TOKEN: every local request is let in, as in the reported attack. */
async function startOpenWorker(): Promise<string> {
  harness = await startSimHarness();
  runtime = await startTestWorker(loadConfig(workerEnv(harness, redisUrl, uniquePrefix())), true);
  return runtime.httpUrl!;
}

/** Another site (another origin) whose page frames `target`. */
async function startAttackerSite(target: string): Promise<string> {
  attacker = http.createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>prize</title><h1>Click to win</h1><iframe id="board" src="${target}" width="1000" height="700"></iframe>`),
  );
  await new Promise<void>((resolve) => attacker!.listen(0, '127.0.0.1', resolve));
  return `http://localhost:${(attacker.address() as AddressInfo).port}/`;
}

describe('queue dashboard in headless Chromium', () => {
  it('refuses to be framed by another site', async () => {
    const boardUrl = `${await startOpenWorker()}/admin/queues`;
    const attackerUrl = await startAttackerSite(boardUrl);
    context = await browser.newContext();
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    const responses: number[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(boardUrl)) responses.push(response.status());
    });
    await page.goto(attackerUrl);
    await page.waitForTimeout(1_500);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(responses).toContain(200); // the request reached the board: it is the browser that refuses to show it
    expect(frame).toBeDefined();
    expect(frame!.url()).not.toContain('/admin/queues');
    const rendered = await frame!
      .locator('#root')
      .count()
      .catch(() => 0);
    expect(rendered).toBe(0);
    expect(messages.join('\n')).toMatch(/frame-ancestors 'none'|X-Frame-Options/);
    await saveScreenshot(page, 'queue-board-framed');
  });

  it('still works on its own under its Content-Security-Policy: queues listed, no refused script or style', async () => {
    const boardUrl = `${await startOpenWorker()}/admin/queues`;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    await page.goto(boardUrl);
    await page.getByText('default-import').first().waitFor({ timeout: 15_000 });
    await saveScreenshot(page, 'queue-board');
    // The board links a web font from a third party; the policy keeps that request from being made.
    expect(violations.filter((text) => !/fonts\.googleapis\.com/.test(text))).toEqual([]);
    expect(errors.filter((text) => !/fonts\.googleapis\.com|Content Security Policy/.test(text))).toEqual([]);
  });
});
