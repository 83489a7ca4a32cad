import { readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { reportLinks } from '../../../src/report/links.js';
import { writeRunReports } from '../../../src/report/write.js';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const MAPPING = selectPeriod(loadMappings('mappings'), 2020);

async function runAndWrite(h: SimHarness) {
  const result = await h.run();
  const dir = path.join(h.stateDir, 'reports');
  await writeRunReports(dir, result, { mapping: MAPPING, links: reportLinks(MAPPING, h.baseUrl) });
  return { result, dir, year: path.join(dir, 'default', '2020') };
}

describe('report versions', () => {
  it('a run with a failed unit keeps its own report, naming the unit first, and leaves latest on the previous complete run; --run makes an old report again', async () => {
    harness = await startSimHarness();
    const first = await runAndWrite(harness);
    expect(readlinkSync(path.join(first.year, 'latest'))).toBe(path.join('runs', first.result.runId));
    harness.sim.setFaults({ serverErrors: { count: 1000, status: 503, path: '/departments/203/' } });
    const second = await runAndWrite(harness);
    expect(second.result.complete).toBe(false);
    expect(readlinkSync(path.join(first.year, 'latest'))).toBe(path.join('runs', first.result.runId));
    const partial = readFileSync(path.join(first.year, 'runs', second.result.runId, 'arsrapport-2020.html'), 'utf8');
    const firstPage = partial.slice(0, partial.indexOf('<main>'));
    expect(firstPage).toMatch(/<div class="notice" role="alert"><p><strong>Ofullständig sammanställning\. Uppgifter saknas för Gävle Hamn AB/);
    expect(readFileSync(path.join(first.year, 'latest', 'arsrapport-2020.html'), 'utf8')).not.toContain('class="notice"');

    // The first run's report, made again from what it kept, equals the file it wrote.
    const env = harness.env();
    const again = await runCli(['report', '--run', first.result.runId], env);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(readFileSync(path.join(first.year, 'runs', first.result.runId, 'arsrapport-2020.html'), 'utf8'));
    const md = await runCli(['report', '--run', second.result.runId, '--format', 'md'], env);
    expect(md.stdout).toBe(readFileSync(path.join(first.year, 'runs', second.result.runId, 'arsrapport-2020.md'), 'utf8'));
    const missing = await runCli(['report', '--run', 'no-such-run'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error REPORT_RUN_NOT_FOUND: no stored run no-such-run/);
  });

  it('the workbook opens with exceljs: a flat sheet with one row per expected report and its links, and a sheet per table', async () => {
    harness = await startSimHarness();
    const { year, result } = await runAndWrite(harness);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path.join(year, 'latest', 'arsrapport-2020.xlsx')) as unknown as ArrayBuffer);
    const names = book.worksheets.map((sheet) => sheet.name);
    expect(names.slice(0, 2)).toEqual(['Om rapporten', 'Rapporter']);
    expect(names).toEqual(expect.arrayContaining(['Uppföljningar', 'Projektredovisningar', 'Mål']));
    expect(names.every((name) => name.length <= 31)).toBe(true);
    const flat = book.getWorksheet('Rapporter');
    const rows = (flat?.getSheetValues() ?? []).slice(3);
    expect(rows).toHaveLength(result.assessment.evaluation.reports.length);
    const header = (flat?.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Förvaltning/bolag',
      'Typ',
      'Rapport',
      'Fokusområde',
      'Läge',
      'Sista dag',
      'Sista dag med respit',
      'Inlämnad',
      'Dagar sent/försenad',
      'Uppföljda aktiviteter',
      'Rapportlista',
      'Stratsys',
    ]);
    // The grace column is the last on-time day, as the report's "respit till och med" says (not the exclusive midnight after it).
    const graceDays = rows.map((row) => String((row as unknown[])[7]));
    expect(graceDays.every((day) => /^\d{4}-\d{2}-\d{2}$/.test(day))).toBe(true);
    const evaluated = result.assessment.evaluation.reports.map((r) => new Date(Date.parse(r.dueAt) - 1).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }));
    expect([...graceDays].sort()).toEqual([...evaluated].sort());
    const links = rows.map((row) => (row as Array<{ hyperlink?: string } | undefined>)[12]?.hyperlink ?? '');
    expect(links.every((href) => href.startsWith(`${new URL(harness!.baseUrl).origin}/PermaLink/GAVLE/ScorecardView.mvc?`))).toBe(true);
    const texts = book.getWorksheet('Uppföljningar');
    expect(texts?.rowCount).toBeGreaterThan(30);
  });

  it("report --period 2018-2020 has a column per year equal to each year's own report, and a trend chart", async () => {
    harness = await startSimHarness();
    await harness.run();
    const env = harness.env();
    const asOf = ['--as-of', '2021-03-01'];
    const period = await runCli(['report', '--period', '2018-2020', ...asOf, '--format', 'csv'], env);
    expect(period.stderr).not.toMatch(/^error/m);
    const lines = period.stdout.split('\r\n');
    const share = lines.slice(lines.findIndex((l) => l.startsWith('Andel levererade uppföljningar (%) 2018–2020')) + 2);
    const granted = lines.slice(lines.findIndex((l) => l.startsWith('Beviljade projektmedel (kr) 2018–2020')) + 2);
    for (const [i, year] of [2018, 2019, 2020].entries()) {
      const single = (await runCli(['report', '--year', String(year), ...asOf, '--format', 'csv'], env)).stdout.split('\r\n');
      // Each year's own figures: the focus-area table (share is the last column) and the funds per focus area.
      for (const area of ['1. Näringslivsprogram', '3. Miljöstrategiskt program', 'Kunskapshöjande insatser för politik och tjänstemän']) {
        const own = single.find((l) => l.startsWith(`${area};`) && l.split(';').length >= 8 && /;\d+;\d+;\d+;\d+;\d+;\d+;/.test(l))?.split(';');
        const row = share.find((l) => l.startsWith(`${area};`))?.split(';');
        expect(own?.[7]).toMatch(/^\d+(,\d)?$/);
        expect(row?.[i + 1]).toBe(own?.[7]);
        const fundsOwn =
          single[
            single.findIndex((l) => l.startsWith(`Beviljade medel ${year} per fokusområde`)) +
              2 +
              [
                '1. Näringslivsprogram',
                '2. Socialt hållbarhetsprogram',
                '3. Miljöstrategiskt program',
                '4. Utbildning',
                '5. Övriga insatser',
                'Kunskapshöjande insatser för politik och tjänstemän',
              ].indexOf(area)
          ]?.split(';');
        expect(fundsOwn?.[0]).toBe(area);
        expect(granted.find((l) => l.startsWith(`${area};`))?.split(';')[i + 1]).toBe(fundsOwn?.[3]);
      }
    }
    // Without --as-of every year is evaluated as of the stored pull's instant, as a single-year report is (not as of now).
    const asOfLine = (markdown: string) => /Läge per:?\s*\**\s*([0-9-]+ [0-9:]+)/.exec(markdown)?.[1];
    const periodDefault = await runCli(['report', '--period', '2018-2020', '--format', 'md'], env);
    const singleDefault = await runCli(['report', '--year', '2020', '--format', 'md'], env);
    expect(asOfLine(singleDefault.stdout)).toBe('2021-03-01 00:00');
    expect(asOfLine(periodDefault.stdout)).toBe(asOfLine(singleDefault.stdout));
    const html = await runCli(['report', '--period', '2018-2020', ...asOf], env);
    expect(html.stdout).toContain('<svg id="diagram-trend" role="img"');
    expect((html.stdout.match(/<rect x="160"/g) ?? []).length).toBe(6 * 3);
  }, 240_000); // seven CLI runs: over a minute on a busy machine
});
