import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; `bash .ci/run` installs it when missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, sandbox-free (containers), and quiet: no network calls of its own, no updates, no sync. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Screenshots of the browser tests (git-ignored). */
export const SCREENSHOT_DIR = path.join('test-output', 'screenshots');

/**
 * Launches headless Chromium. `chromium.launch` gives every launch a fresh temporary user-data
 * dir, removed on close. Fails (never skips) when the binary is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: the browser tests need Debian's chromium (\`bash .ci/run\` installs it, or apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Collects console errors, uncaught page errors and failed requests of a page, for a "no errors" assertion. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return errors;
}

/** Saves a full-page screenshot under SCREENSHOT_DIR; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The text of the matrix cell in `table` for the row headed `rowHeader` and the column headed `columnHeader`. */
export async function matrixCellText(page: Page, tableSelector: string, rowHeader: string, columnHeader: string): Promise<string> {
  return page.locator(tableSelector).evaluate(
    (table, wanted) => {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
      const column = headers.indexOf(wanted.column);
      const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent?.trim() === wanted.row);
      if (column < 0 || !row) throw new Error(`no cell for row "${wanted.row}" and column "${wanted.column}" (columns: ${headers.join(' | ')})`);
      return row.children[column]?.textContent?.trim() ?? '';
    },
    { row: rowHeader, column: columnHeader },
  );
}
