import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/report/html/document.js';
import type { YearReport } from '../../../src/report/model.js';
import { buildPeriodReport } from '../../../src/report/period.js';
import { renderPeriodHtml } from '../../../src/report/period-render.js';
import { launchChromium, saveScreenshot, SCREENSHOT_DIR } from '../../support/browser.js';
import { layoutProblems, type LayoutProblems } from '../../support/layout.js';
import { demoReport, renameUnit } from '../../unit/report/fixtures.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Width of the printed content on A4 landscape with the report's 12 mm side margins, in CSS px (96 per inch). */
const A4_LANDSCAPE_CONTENT_PX = ((297 - 2 * 12) / 25.4) * 96;
const NO_PROBLEMS: LayoutProblems = { wide: [], brokenHeaders: [], brokenWords: [], wrappedDates: [] };

/** The demo tenant's 2020 report with long unit, focus-area and goal names, as another tenant may have. */
function longNamesReport(): YearReport {
  return demoReport({
    adjust: (fixture) => {
      renameUnit(fixture, '101', 'Kommunledningsförvaltningen med kansli, ekonomi och personalavdelning');
      renameUnit(fixture, '201', 'Gävle Energi AB (moderbolag inklusive dotterbolag)');
    },
    adjustMapping: (mapping) => {
      const area = mapping.focusAreas.find((a) => a.key === 'miljo');
      const goal = mapping.goals.find((g) => g.key === 'hallbar-tillvaxt');
      if (area === undefined || goal === undefined) throw new Error('the bundled mapping has no focus area miljo or goal hallbar-tillvaxt');
      area.name = 'Miljöstrategiskt program och klimatanpassningsprogram för hållbar samhällsbyggnad';
      goal.name = 'Hållbar tillväxt och internationell konkurrenskraft i näringslivet i Gävleregionen';
    },
  }).report;
}

async function printedPage(html: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: Math.floor(A4_LANDSCAPE_CONTENT_PX), height: 800 } });
  await page.setContent(html, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  return page;
}

/** [width, height] in PDF points of every page of a PDF. */
function pageBoxes(pdf: Buffer): number[][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('the report on paper and on screen', () => {
  it('prints on A4 landscape: no table wider than the page, no word broken in a header or cell, no date wrapped', async () => {
    const page = await printedPage(renderReportHtml(demoReport().report));
    expect(await layoutProblems(page)).toEqual(NO_PROBLEMS);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(path.join(SCREENSHOT_DIR, 'report-a4.pdf'), pdf);
    const boxes = pageBoxes(pdf);
    expect(boxes.length).toBeGreaterThan(3);
    // A4 landscape in PDF points: 841.9 × 595.3.
    for (const [width, height] of boxes) {
      expect(Math.abs((width ?? 0) - 841.9)).toBeLessThan(2);
      expect(Math.abs((height ?? 0) - 595.3)).toBeLessThan(2);
    }
    await page.close();
  });

  it('keeps to A4 with long unit and focus-area names', async () => {
    const page = await printedPage(renderReportHtml(longNamesReport()));
    expect(await layoutProblems(page)).toEqual(NO_PROBLEMS);
    await page.close();
  });

  it('fits a 1280 px screen: nothing wider than the page or cut off, no word broken, no date wrapped', async () => {
    for (const report of [demoReport().report, longNamesReport()]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.setContent(renderReportHtml(report), { waitUntil: 'load' });
      expect(await layoutProblems(page)).toEqual(NO_PROBLEMS);
      await page.close();
    }
  });

  it('prints the programme period on A4 and fits it on a 1280 px screen', async () => {
    const years = [2018, 2019, 2020].map((year) => demoReport({ year }).report);
    const html = renderPeriodHtml(buildPeriodReport(years, '2021-03-01T05:00:00.000Z'));
    const printed = await printedPage(html);
    expect(await layoutProblems(printed)).toEqual(NO_PROBLEMS);
    await printed.close();
    const screen = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await screen.setContent(html, { waitUntil: 'load' });
    expect(await layoutProblems(screen)).toEqual(NO_PROBLEMS);
    await saveScreenshot(screen, 'period-report');
    await screen.close();
  });
});
