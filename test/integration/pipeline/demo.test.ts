import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-demo-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npm run demo (the README's main job)", () => {
  it('runs the whole pipeline against the bundled tenant, then alerts nobody twice', async () => {
    // A configured installation's settings must not leak into the demo.
    const env = { SMTP_URL: 'smtp://mail.invalid:25', REPORT_DIR: '/nonexistent', TENANT_ID: 'production' };
    const first = await runCli(['demo', '--out', out], env, 120_000);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Pull: 10\/10 units/);
    expect(first.stdout).toMatch(/Missing reports \(8\):/);
    expect(first.stdout).toMatch(/Write-back: 47 written \(2 rounded by Stratsys to the column.s decimals\), 0 unchanged/);
    expect(first.stdout).toMatch(/Alerts: 4 e-mails sent/);
    const outbox = readdirSync(path.join(out, 'outbox')).filter((f) => f.endsWith('.eml'));
    expect(outbox).toHaveLength(4);
    const mails = outbox.map((file) => readFileSync(path.join(out, 'outbox', file), 'utf8'));
    expect(mails.every((mail) => /^Subject: /m.test(mail))).toBe(true);
    // who reports for the unit, from the "Vem rapporterar" role on the report node in each unit
    expect(mails.some((mail) => /Rapporterar: [A-ZÅÄÖ=]/.test(mail))).toBe(true);
    const reports = readdirSync(path.join(out, 'reports', 'demo', '2020', 'latest'));
    expect(reports).toEqual(expect.arrayContaining(['arsrapport-2020.html', 'arsrapport-2020.csv', 'arsrapport-2020.md', 'arsrapport-2020.xlsx', 'evaluation.json', 'summary.txt']));
    const second = await runCli(['demo', '--out', out], env, 120_000);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Alerts: nothing new/);
    expect(readdirSync(path.join(out, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(4);
  }, 180_000);
});
