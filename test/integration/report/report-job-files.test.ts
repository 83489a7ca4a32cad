import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReport } from '../../../jobs/write-report.js';
import { tenantDisplayName } from '../../../src/config/load.js';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { runDetailOf } from '../../../src/pipeline/run-detail.js';
import type { JobContext } from '../../../src/queue/context.js';
import { reportLinks } from '../../../src/report/links.js';
import { writeRunReports } from '../../../src/report/write.js';
import type { RunStatus, StatusStore } from '../../../src/store/status-store.js';
import { aRunStatus } from '../../support/builders.js';
import { DEMO_AS_OF, startSimHarness, type SimHarness } from '../../support/pipeline.js';

/** The report job makes the report of the run it was queued for: the same files the inline path writes, or none once superseded. */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function runFiles(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder)
      .sort()
      .map((name) => {
        const bytes = readFileSync(path.join(folder, name));
        return [name, name.endsWith('.gz') ? gunzipSync(bytes) : bytes] as const;
      }),
  );
}

/** Every sheet of a workbook: its name, and each row's values and fonts. */
async function workbookContent(bytes: Buffer | undefined): Promise<unknown> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = book.worksheets.map((sheet) => {
    const rows: unknown[] = [];
    sheet.eachRow((row) => rows.push({ values: row.values, fonts: (row.values as unknown[]).map((_, i) => (i === 0 ? null : (row.getCell(i).font ?? null))) }));
    return { name: sheet.name, rows };
  });
  expect(sheets.length).toBeGreaterThan(3);
  return { sheets, created: book.created };
}

function pendingRun(runId: string): RunStatus {
  const now = new Date().toISOString();
  return aRunStatus(runId, { asOf: DEMO_AS_OF, finishedAt: now, report: { state: 'pending', at: now, jobId: `report-${runId}`, message: null } });
}

describe('write-report job (file state)', () => {
  it('writes byte for byte the files the inline path writes for the same run; once a unit is pulled again it records the run superseded and writes nothing', async () => {
    const h = (harness = await startSimHarness());
    const mappings = await loadMappings('mappings');
    const mapping = selectPeriod(mappings, 2020);
    const result = await h.run();
    const inline = h.config({ REPORT_DIR: path.join(h.stateDir, 'inline') });
    await writeRunReports(inline.REPORT_DIR, result, { tenantName: tenantDisplayName(inline), mapping, links: reportLinks(mapping, inline.STRATSYS_BASE_URL) });

    const config = h.config({ REPORT_DIR: path.join(h.stateDir, 'by-job') });
    const deps = h.deps(config);
    const status = deps.status as StatusStore;
    await status.recordRun(pendingRun(result.runId));
    await status.recordRunDetail(result.runId, 'report', runDetailOf(result, result.snapshot!, { mapping, timeZone: deps.timeZone }));
    const ctx: JobContext = {
      ...deps,
      status,
      config,
      mappings,
      alerts: null,
      jobId: `report-${result.runId}`,
      attempt: 1,
      progress: async () => undefined,
      failedChildUnitIds: async () => [],
      fanOutRun: async () => undefined,
      enqueueAlerts: async () => undefined,
      reportJobId: () => 'unused',
      enqueueReport: async () => undefined,
    };
    const payload = { runId: result.runId, year: 2020, asOf: DEMO_AS_OF };
    expect(await writeReport.handler(payload, ctx)).toEqual({ state: 'written', message: null });
    expect((await status.runs())[0]?.report).toMatchObject({ state: 'written', jobId: `report-${result.runId}` });

    const folder = (dir: string) => path.join(dir, 'default', '2020', 'runs', result.runId);
    const expected = runFiles(folder(inline.REPORT_DIR));
    const actual = runFiles(folder(config.REPORT_DIR));
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    expect([...expected.keys()]).toEqual(
      expect.arrayContaining(['arsrapport-2020.html', 'arsrapport-2020.csv', 'arsrapport-2020.md', 'arsrapport-2020.xlsx', 'evaluation.json', 'summary.txt', 'run.json', 'snapshot.json.gz']),
    );
    // The workbook's zip entries carry the time they were zipped: compared by content, every other file byte for byte.
    for (const [name, bytes] of expected) if (!name.endsWith('.xlsx')) expect({ name, same: actual.get(name)?.equals(bytes) }).toEqual({ name, same: true });
    const xlsx = 'arsrapport-2020.xlsx';
    expect(await workbookContent(actual.get(xlsx))).toEqual(await workbookContent(expected.get(xlsx)));

    // Written, the run's detail is dropped (a failed report keeps it for a retry).
    expect(await status.runDetail(result.runId, 'report')).toBeNull();

    // A second copy of the job (retried from the queue board, or run again after a lost lock) finds the
    // report written: it returns that outcome and neither writes again nor turns it into a failure.
    const writtenAt = (await status.runs())[0]?.report?.at;
    const copy = await writeReport.handler(payload, { ...ctx, config: h.config({ REPORT_DIR: path.join(h.stateDir, 'copy') }) });
    expect(copy).toEqual({ state: 'written', message: null });
    expect((await status.runs())[0]?.report).toMatchObject({ state: 'written', at: writtenAt });
    expect(readdirSync(h.stateDir)).not.toContain('copy');
    await status.recordReport(result.runId, pendingRun(result.runId).report!);

    // Unit 106 pulled again (a later re-run): the run's report can no longer be made from its own pulls.
    await status.recordRunDetail(result.runId, 'report', runDetailOf(result, result.snapshot!));
    await h.run({ unit: '106' });
    const again = await writeReport.handler(payload, { ...ctx, config: h.config({ REPORT_DIR: path.join(h.stateDir, 'later') }) });
    expect(again).toMatchObject({ state: 'superseded', message: expect.stringMatching(/unit 106 pulled again/) });
    expect((await status.runs())[0]?.report).toMatchObject({ state: 'superseded' });
    expect(readdirSync(h.stateDir)).not.toContain('later');
  }, 60_000);

  it('fails at once when the worker now has another version of the run’s programme file (same id, other content) or another report time zone', async () => {
    const h = (harness = await startSimHarness());
    const mappings = await loadMappings('mappings');
    const mapping = selectPeriod(mappings, 2020);
    const result = await h.run();
    const config = h.config({ REPORT_DIR: path.join(h.stateDir, 'reports') });
    const deps = h.deps(config);
    const status = deps.status as StatusStore;
    await status.recordRun(pendingRun(result.runId));
    await status.recordRunDetail(result.runId, 'report', runDetailOf(result, result.snapshot!, { mapping, timeZone: deps.timeZone }));
    // The file edited after the run: one focus area renamed, the programme's id unchanged.
    const edited = { ...mapping, focusAreas: mapping.focusAreas.map((area, i) => (i === 0 ? { ...area, name: `${area.name} (reviderad)` } : area)) };
    const ctx = { ...deps, status, config, mappings: mappings.map((m) => (m === mapping ? edited : m)), jobId: `report-${result.runId}`, attempt: 1 } as unknown as JobContext;
    const payload = { runId: result.runId, year: 2020, asOf: DEMO_AS_OF };
    await expect(writeReport.handler(payload, ctx)).rejects.toMatchObject({ code: 'REPORT_NOT_WRITTEN', retryable: false });
    expect((await status.runs())[0]?.report).toMatchObject({ state: 'failed', message: expect.stringMatching(/evaluated with another version of .+ than the worker has now/) });
    // The same file, another report time zone: refused too.
    await expect(writeReport.handler(payload, { ...ctx, mappings, timeZone: 'America/Santiago' })).rejects.toMatchObject({ code: 'REPORT_NOT_WRITTEN', retryable: false });
    expect(readdirSync(h.stateDir)).not.toContain('reports');
    // The detail is kept: with the run's own file and zone, the same job writes the report.
    expect(await writeReport.handler(payload, { ...ctx, mappings })).toEqual({ state: 'written', message: null });
  });

  it('fails at once, and is not called superseded, when a pull the run evaluated is gone from the store (no later run made it)', async () => {
    const h = (harness = await startSimHarness());
    const mappings = await loadMappings('mappings');
    const result = await h.run();
    const config = h.config({ REPORT_DIR: path.join(h.stateDir, 'reports') });
    const deps = h.deps(config);
    const status = deps.status as StatusStore;
    await status.recordRun(pendingRun(result.runId));
    await status.recordRunDetail(result.runId, 'report', runDetailOf(result, result.snapshot!));
    rmSync(path.join(config.STATE_DIR, config.TENANT_ID, 'snapshots', 'units', '106.json'));
    const ctx = { ...deps, status, config, mappings, jobId: `report-${result.runId}`, attempt: 1 } as unknown as JobContext;
    await expect(writeReport.handler({ runId: result.runId, year: 2020, asOf: DEMO_AS_OF }, ctx)).rejects.toMatchObject({ code: 'REPORT_NOT_WRITTEN', retryable: false });
    expect((await status.runs())[0]?.report).toMatchObject({ state: 'failed', message: expect.stringMatching(/the stored pull of unit 106 is gone/) });
    expect(readdirSync(h.stateDir)).not.toContain('reports');
  });

  it('fails at once, naming the run, when the run left no detail (not kept any more)', async () => {
    const h = (harness = await startSimHarness());
    const deps = h.deps();
    const status = deps.status as StatusStore;
    await status.recordRun(pendingRun('gone'));
    const ctx = { ...deps, status, config: h.config(), mappings: await loadMappings('mappings'), jobId: 'report-gone', attempt: 1 } as unknown as JobContext;
    await expect(writeReport.handler({ runId: 'gone', year: 2020, asOf: DEMO_AS_OF }, ctx)).rejects.toMatchObject({ code: 'REPORT_NOT_WRITTEN', retryable: false });
    expect((await status.runs())[0]?.report).toMatchObject({ state: 'failed', message: expect.stringMatching(/no recorded detail of run gone/) });
  });
});
