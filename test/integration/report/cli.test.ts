import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRunReports } from '../../../src/report/write.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('stratsys-sync report', () => {
  it('prints one format from the last stored pull, or writes the files and prints their paths', async () => {
    harness = await startSimHarness();
    await harness.run();
    const env = harness.env();
    const html = await runCli(['report', '--year', '2020', '--as-of', '2021-03-01'], env);
    expect(html.stderr).toBe('');
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<h1>Uppföljning av internationellt arbete 2020</h1>');
    const csv = await runCli(['report', '--year', '2020', '--as-of', '2021-03-01', '--format', 'csv'], env);
    expect(csv.stdout.startsWith('\uFEFF')).toBe(true);
    expect(csv.stdout).toContain('Samhällsbyggnad Gävle;förvaltning;Saknas;15;');
    const out = path.join(harness.stateDir, 'rapport');
    const written = await runCli(['report', '--year', '2020', '--as-of', '2021-03-01', '--out', out], env);
    expect(written.stdout.trim().split('\n')).toEqual(['html', 'csv', 'md', 'xlsx'].map((ext) => path.join(out, `arsrapport-2020.${ext}`)));
    expect(readFileSync(path.join(out, 'arsrapport-2020.md'), 'utf8')).toContain('| **Totalt** | 32 | 23 | 1 | 8 | 0 | 0 | 75\u00a0% |');
  });

  it('fails with one clear line before anything is pulled, and on a bad format', async () => {
    harness = await startSimHarness();
    const none = await runCli(['report', '--year', '2020'], harness.env());
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^error PULL_INCOMPLETE: no stored pull yet/);
    const bad = await runCli(['report', '--format', 'pdf'], harness.env());
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--format.*pdf.*Allowed choices are html, csv, md/s);
  });

  it('writeRunReports writes the run as its own version, with evaluation.json, summary.txt and the compilation in four formats', async () => {
    harness = await startSimHarness();
    const result = await harness.run();
    const dir = path.join(harness.stateDir, 'reports');
    const files = await writeRunReports(dir, result);
    expect(files.map((f) => path.basename(f))).toEqual(['evaluation.json', 'summary.txt', 'arsrapport-2020.html', 'arsrapport-2020.csv', 'arsrapport-2020.md', 'arsrapport-2020.xlsx']);
    const folder = path.join(dir, 'default', '2020', 'runs', result.runId);
    expect(readdirSync(folder).sort()).toEqual(['arsrapport-2020.csv', 'arsrapport-2020.html', 'arsrapport-2020.md', 'arsrapport-2020.xlsx', 'evaluation.json', 'run.json', 'summary.txt']);
    expect(readFileSync(path.join(dir, 'default', '2020', 'latest', 'arsrapport-2020.html'), 'utf8')).toContain(result.runId);
  });
});
