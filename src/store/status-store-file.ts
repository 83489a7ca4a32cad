import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { idFileName } from '../shared/ids.js';
import { readOptional, writeAtomic } from './snapshot-store.js';
import { pageOfUnits, readUnitStatus, reportOfRun, RunStatusSchema, withReport, type RunDetailPart, type RunStatus, type StatusStore, type UnitStatus } from './status-store.js';

function parseOr<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, text: string | null): T | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The status store for runs without Redis: files under `<dir>/status/` — one per unit (its last
 * import, the same record the Redis store keeps, so a failed import is not forgotten between runs)
 * and the recent runs, most recent first, with each kept run's report state and detail
 * (`run-reports/<runId>.json`, `run-detail/<runId>.json`, `run-alerts/<runId>.json`, removed with the run). Writes are atomic (temp file + rename); updates of the run
 * list are serialised within the process.
 */
export function fileStatusStore(dir: string, keepRuns = 200): StatusStore {
  const root = path.join(dir, 'status');
  const unitFile = (id: string) => path.join(root, 'units', `${idFileName(id)}.json`);
  const runsFile = path.join(root, 'runs.json');
  const nightlyFile = path.join(root, 'last-nightly-success.json');
  const reportFile = (runId: string) => path.join(root, 'run-reports', `${idFileName(runId)}.json`);
  // The report's detail keeps the folder it had before alert sources were recorded beside it.
  const detailFolders: Record<RunDetailPart, string> = { report: 'run-detail', alerts: 'run-alerts' };
  const detailFile = (runId: string, part: RunDetailPart) => path.join(root, detailFolders[part], `${idFileName(runId)}.json`);
  let runsQueue: Promise<unknown> = Promise.resolve();
  const readRuns = async (): Promise<RunStatus[]> => {
    return parseOr(z.array(RunStatusSchema), await readOptional(runsFile)) ?? [];
  };
  return {
    async recordUnit(status: UnitStatus) {
      if (status.outcome === 'failed' && status.lastGoodPullAt === null) {
        const previous = await readOptional(unitFile(status.unitId));
        if (previous !== null) status = { ...status, lastGoodPullAt: readUnitStatus(status.unitId, previous).lastGoodPullAt };
      }
      await writeAtomic(unitFile(status.unitId), JSON.stringify(status));
    },
    async units() {
      const names = (await readdir(path.join(root, 'units')).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
      const statuses = await Promise.all(
        names.map(async (name) => {
          const text = await readOptional(path.join(root, 'units', name));
          return text === null ? [] : [readUnitStatus(decodeURIComponent(name.slice(0, -'.json'.length)), text)];
        }),
      );
      return statuses.flat().sort((a, b) => a.unitId.localeCompare(b.unitId, 'sv', { numeric: true }));
    },
    async unitPage(page) {
      return pageOfUnits(await this.units(), page);
    },
    async recordRun(status) {
      const update = runsQueue.then(async () => {
        // A run recorded again (a retried finish) replaces its earlier row instead of being listed twice.
        const all = [status, ...(await readRuns()).filter((run) => run.runId !== status.runId)];
        const kept = all.slice(0, keepRuns);
        await writeAtomic(runsFile, JSON.stringify(kept));
        if (status.kind === 'nightly' && status.outcome === 'complete') await writeAtomic(nightlyFile, JSON.stringify(status.finishedAt));
        // The report state and detail of the runs no longer kept go with them.
        const keptIds = new Set(kept.map((run) => run.runId));
        for (const runId of new Set(all.slice(keepRuns).map((run) => run.runId))) {
          if (!keptIds.has(runId)) await Promise.all([rm(reportFile(runId), { force: true }), rm(detailFile(runId, 'report'), { force: true }), rm(detailFile(runId, 'alerts'), { force: true })]);
        }
      });
      runsQueue = update.catch(() => undefined);
      await update;
    },
    async runs(limit = 20) {
      await runsQueue;
      const runs = (await readRuns()).slice(0, limit);
      return Promise.all(runs.map(async (run) => withReport(run, await readOptional(reportFile(run.runId)))));
    },
    async recordReport(runId, report) {
      await writeAtomic(reportFile(runId), JSON.stringify(report));
    },
    async runReport(runId) {
      await runsQueue;
      return reportOfRun(await readRuns(), runId, await readOptional(reportFile(runId)));
    },
    async recordRunDetail(runId, part, detail) {
      await writeAtomic(detailFile(runId, part), JSON.stringify(detail));
    },
    async runDetail(runId, part) {
      const text = await readOptional(detailFile(runId, part));
      return text === null ? null : (JSON.parse(text) as unknown);
    },
    async dropRunDetail(runId, part) {
      await rm(detailFile(runId, part), { force: true });
    },
    async lastNightlySuccess() {
      return parseOr(z.string(), await readOptional(nightlyFile));
    },
  };
}
