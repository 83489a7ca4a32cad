import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/report/html/document.js';
import { collectPageErrors, launchChromium, saveScreenshot } from '../../support/browser.js';
import { demoReport } from '../../unit/report/fixtures.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const HOSTILE = [
  '<p>Före<script>window.__pwned = "script"</script></p>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned = \'link\'" id="evil">klicka här</a>',
  '<p onmouseover="window.__pwned = \'hover\'" style="position:fixed;inset:0">täcker sidan</p>',
  '<iframe srcdoc="<script>parent.__pwned = \'frame\'</script>"></iframe>',
  '<svg><script>window.__pwned = "svg"</script></svg><style>body{display:none}</style>',
  '<form action="https://evil.example"><input name="q"><button>Skicka</button></form>',
  '<b>fet</b> &lt;script&gt;text&lt;/script&gt;',
].join('');

describe('the report in headless Chromium', () => {
  it('shows hostile HTML in a follow-up text as inert text: nothing runs, loads, or covers the page', async () => {
    const { report } = demoReport({
      adjust: (fixture) => {
        const comment = fixture.comments.find((c) => c.nodeId === '6001' && c.periodDate === '2020-12-31');
        if (comment) comment.text = HOSTILE;
      },
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(renderReportHtml(report), { waitUntil: 'load' });
    const article = page.locator('#aktivitet-101-6001');
    await expect(article.locator('.follow-up .text').textContent()).resolves.toBe('Föreklicka härtäcker sidanSkickafet <script>text</script>');
    expect(await page.locator('main script, main iframe, main img, main form, main input, main style, main [onerror], main [onmouseover], main [style]').count()).toBe(0);
    expect(await article.locator('.text strong').textContent()).toBe('fet');
    expect(await article.locator('.text a').count()).toBe(0);
    await page.mouse.move(10, 10);
    expect(await page.evaluate(() => (globalThis as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator('body').isVisible()).toBe(true);
    expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await saveScreenshot(page, 'report-hostile-follow-up');
    await page.close();
  });
});
