import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { collectPageErrors, launchChromium, matrixCellText, saveScreenshot, SCREENSHOT_DIR } from '../../support/browser.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

const redisUrl = inject('redisUrl');
const TOKEN = 'browser-admin-token-0123456789';
const UNAUTHORIZED_LOG = 'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)';
let browser: Browser;
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
});

/** A worker with HTTP against the simulated tenant (adjusted first, if asked), after one complete sync. */
async function startSynced(adjust?: Parameters<typeof startSimHarness>[0]): Promise<{ baseUrl: string; rt: WorkerRuntime }> {
  const prefix = uniquePrefix();
  harness = await startSimHarness(adjust);
  runtime = await startTestWorker(loadConfig(workerEnv(harness, redisUrl, prefix, { ADMIN_TOKEN: TOKEN, TENANT_NAME: 'Gävle kommun' })), true);
  await enqueueSyncNow(runtime.queues, {}, new Date());
  await waitFor(
    () => recordedRuns(redisUrl, prefix),
    (runs) => runs.length >= 1,
    60_000,
    'the sync',
  );
  return { baseUrl: runtime.httpUrl!, rt: runtime };
}

describe('status page in headless Chromium', () => {
  it('shows the run, the matrix with text in every cell, queues, and re-runs a unit without a reload', async () => {
    const { baseUrl, rt } = await startSynced();
    context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` }, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Status 2020 – stratsys-sync');
    await expect(page.locator('.tile').first().textContent()).resolves.toContain('✓ Komplett');
    // The demo's known gaps: 105 misses a follow-up in focus area 3, 106 and 203 are silent.
    await expect(matrixCellText(page, '#oversikt', 'Samhällsbyggnad Gävle', '3. Miljöstrategiskt program')).resolves.toBe('✗ Saknas');
    await expect(matrixCellText(page, '#oversikt', 'Kultur och fritid', '2. Socialt hållbarhetsprogram')).resolves.toBe('✗ Saknas');
    await expect(matrixCellText(page, '#oversikt', 'Socialtjänsten', '2. Socialt hållbarhetsprogram')).resolves.toBe('! Sent');
    await expect(matrixCellText(page, '#oversikt', 'Kultur och fritid', '1. Näringslivsprogram')).resolves.toBe('–Inget krav');
    const cells = await page.locator('#oversikt tbody td').allTextContents();
    expect(cells.every((text) => text.trim() !== '')).toBe(true);
    expect(await page.locator('#koer tbody tr').count()).toBe(5);
    expect(await page.locator('#enheter tbody tr').count()).toBe(10);
    // People read the organisation's name and the units' names, never internal ids.
    await expect(page.locator('header.bar').textContent()).resolves.toContain('Gävle kommun');
    const pageText = await page.locator('body').innerText();
    expect(pageText).not.toMatch(/Organisation:|\(10[1-6]\)|\(20[1-4]\)|nightly-|rerun-/);
    await saveScreenshot(page, 'status-page');

    // Keep the re-run queued (not yet picked up), so the second press finds it.
    await rt.queues.queues.control.pause();
    const button = page.getByRole('button', { name: 'Kör om import för Kultur och fritid' });
    await button.focus();
    await page.keyboard.press('Enter');
    const outcome = page.locator(`#${await button.getAttribute('aria-describedby')}`);
    await expect.poll(() => outcome.textContent()).toBe('✓ Köad: importen körs strax. Ladda om sidan för att se resultatet.');
    const queued = (await rt.queues.queues.control.getJobs(['waiting'])).filter((job) => job.name === 'rerun-unit');
    expect(queued.map((job) => job.data)).toEqual([{ unitId: '106', year: 2020 }]);
    await button.click();
    await expect.poll(() => outcome.textContent()).toBe('… Redan köad eller pågående.');
    await saveScreenshot(page, 'status-page-rerun');
    await rt.queues.queues.control.resume();
    expect(errors).toEqual([]);
  });

  it('opens the report from the page: figures, escaped text, print layout, CSV', async () => {
    const hostile = 'Kultur & fritid <b>fet</b>';
    const { baseUrl } = await startSynced((fixture) => {
      const unit = fixture.departments.find((d) => d.Id === '106');
      if (unit) unit.Name = hostile;
    });
    context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` }, viewport: { width: 1240, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Årsrapport 2020 (HTML)' }).click();
    await page.waitForURL(`${baseUrl}/report?year=2020&format=html`);
    expect(await page.locator('h1').textContent()).toBe('Uppföljning av internationellt arbete 2020');
    await expect(matrixCellText(page, '#oversikt', 'Gävle Hamn AB', '1. Näringslivsprogram')).resolves.toBe('✗ Saknas');
    expect(await page.locator('#diagram-rapportering').isVisible()).toBe(true);
    expect(await page.locator('#medel-fokusomrade tfoot').textContent()).toContain('4\u00a0890\u00a0000\u00a0kr');
    await expect(matrixCellText(page, '#oversikt', hostile, '5. Övriga insatser')).resolves.toBe('✗ Saknas');
    expect(await page.locator('#oversikt b').count()).toBe(0);
    await saveScreenshot(page, 'report');
    // A4 at 96 dpi is 794 px wide: the print style as a printer would lay it out, and the PDF itself.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await saveScreenshot(page, 'report-print');
    await page.pdf({ path: path.join(SCREENSHOT_DIR, 'report.pdf'), format: 'A4', printBackground: true });
    const csv = await context.request.get(`${baseUrl}/report?year=2020&format=csv`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('Gävle Hamn AB;bolag;Saknas;15;');
    expect(errors).toEqual([]);
  });

  it('lets a person log in with the token, and re-runs through the session with the page’s CSRF token', async () => {
    const { baseUrl } = await startSynced();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const first = await page.goto(`${baseUrl}/`);
    expect(first?.status()).toBe(401);
    expect(await page.locator('main h2').textContent()).toBe('Logga in');
    // Chromium logs the 401 status of the login form's own response; that one line is expected.
    expect(errors.splice(0)).toEqual([UNAUTHORIZED_LOG]);
    await page.getByLabel('Token').fill('wrong');
    await page.getByRole('button', { name: 'Logga in' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Fel token. Försök igen.');
    expect(errors.splice(0)).toEqual([UNAUTHORIZED_LOG]);
    await page.getByLabel('Token').fill(TOKEN);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${baseUrl}/`);
    const cookie = (await context.cookies()).find((c) => c.name === 'stratsys_sync_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const button = page.getByRole('button', { name: 'Kör om import för Gävle Hamn AB' });
    await button.click();
    const outcome = page.locator(`#${await button.getAttribute('aria-describedby')}`);
    await expect.poll(() => outcome.textContent()).toMatch(/^(✓ Köad: importen körs strax|… Redan köad eller pågående)/);
    // The session cookie alone (no CSRF header) cannot change anything.
    const forged = await context.request.post(`${baseUrl}/departments/203/rerun`);
    expect(forged.status()).toBe(403);
    await saveScreenshot(page, 'status-page-session');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(`${baseUrl}/login`);
    expect(await page.locator('main h2').textContent()).toBe('Logga in');
    expect((await context.cookies()).some((c) => c.name === 'stratsys_sync_session')).toBe(false);
    expect(errors).toEqual([]);
  });
});
