import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertDeps } from '../../../src/app/compose.js';
import { planAlerts, runAlertStep } from '../../../src/alerts/send-alerts.js';
import { writePreview } from '../../../src/cli/alerts.js';
import { loadConfig } from '../../../src/config/load.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { addressesOf } from '../../support/smtp.js';
import { asOfForDay, EVA } from '../../unit/alerts/fixtures.js';
import { FROM, stepInput } from './harness.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'alerts-outbox-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function configFor(env: Record<string, string> = {}) {
  return loadConfig({
    STRATSYS_CLIENT_ID: 'client',
    STRATSYS_CLIENT_SECRET: 'secret',
    TENANT_ID: 'gavle',
    STATE_DIR: path.join(root, 'state'),
    OUTBOX_DIR: path.join(root, 'outbox'),
    MAIL_FROM: FROM,
    ...env,
  });
}

describe('createAlertDeps without SMTP_URL and Redis: outbox and file ledger', () => {
  it('writes each digest as a real RFC 5322 .eml file and records it under STATE_DIR/<tenant>/alerts', async () => {
    const deps = await createAlertDeps(configFor(), { logger: silentLogger(), clock: fixedClock(asOfForDay(3)) });
    expect(deps.mailer.kind).toBe('outbox');
    expect(deps.ledger.location).toBe(path.join(root, 'state', 'gavle', 'alerts'));
    const outcome = await runAlertStep(deps, stepInput(3));
    const files = (await readdir(path.join(root, 'outbox'))).sort();
    expect(files).toEqual(outcome.digests.map((digest) => `${digest.key}.eml`).sort());

    const digest = outcome.digests.find((entry) => entry.to[0] === EVA);
    const raw = await readFile(path.join(root, 'outbox', `${digest?.key}.eml`));
    expect(raw.toString('latin1')).toContain('\r\n');
    const parsed = await simpleParser(raw);
    expect(addressesOf(parsed.to)).toEqual([EVA]);
    expect(parsed.from?.value[0]?.address).toBe('noreply@gavle.example');
    expect(parsed.subject).toBe(digest?.subject);
    expect(parsed.text).toBe(digest?.text);
    expect(parsed.html).toBe(digest?.html);
    expect(parsed.messageId).toBe(`<${digest?.key}@gavle.example>`);

    const again = await runAlertStep(deps, stepInput(4));
    expect(again.digests).toEqual([]);
    expect(await readdir(path.join(root, 'outbox'))).toHaveLength(3);
    await deps.close();
  });

  it('uses pooled SMTP when SMTP_URL is set', async () => {
    const deps = await createAlertDeps(configFor({ SMTP_URL: 'smtp://127.0.0.1:1' }), { logger: silentLogger(), clock: fixedClock(asOfForDay(3)) });
    expect(deps.mailer.kind).toBe('smtp');
    await deps.close();
  });

  it('alerts preview --out writes .eml and .html files without sending or recording', async () => {
    const deps = await createAlertDeps(configFor(), { logger: silentLogger(), clock: fixedClock(asOfForDay(3)) });
    const plan = await planAlerts(deps.ledger, stepInput(3, { dryRun: true }));
    const files = await writePreview(plan, path.join(root, 'preview'), FROM);
    expect(files).toHaveLength(6);
    const digest = plan.digests[0];
    const parsed = await simpleParser(await readFile(path.join(root, 'preview', `${digest?.key}.eml`)));
    expect(parsed.subject).toBe(digest?.subject);
    expect(await readFile(path.join(root, 'preview', `${digest?.key}.html`), 'utf8')).toBe(digest?.html);
    expect(await deps.ledger.sentEntries(2020)).toEqual(new Set());
    await expect(readdir(path.join(root, 'outbox'))).rejects.toThrow();
  });
});
