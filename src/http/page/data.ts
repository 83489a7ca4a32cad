import type { NamedUnit } from '../../pipeline/find-unit.js';
import type { QueueSet } from '../../queue/queues.js';
import type { QueueBase } from '../../queue/names.js';
import type { YearReport } from '../../report/model.js';
import { PAGE } from '../../domain/glossary.js';
import { isAppError } from '../../shared/errors.js';
import type { StatusStore } from '../../store/status-store.js';
import { QUEUE_STATES, type QueueHealth, type StatusPageModel, type UnitRow } from './model.js';

/** What the page reads: the status store, the queues, the unit list and the stored report. */
export interface StatusPageSources {
  tenantName: string;
  timeZone: string;
  status: StatusStore;
  queues: QueueSet;
  listUnits(year?: number): Promise<NamedUnit[]>;
  loadReport(year: number): Promise<YearReport | null>;
}

/** Job counts per queue and state, and whether the queue is paused. */
export async function queueHealth(queues: QueueSet): Promise<QueueHealth[]> {
  return Promise.all(
    Object.entries(queues.queues).map(async ([name, queue]) => {
      const [counts, isPaused] = await Promise.all([queue.getJobCounts(...QUEUE_STATES), queue.isPaused()]);
      return { name: name as QueueBase, isPaused, counts: Object.fromEntries(QUEUE_STATES.map((s) => [s, counts[s] ?? 0])) as QueueHealth['counts'] };
    }),
  );
}

/** The report, or why there is none (no pull stored yet, or no programme covers the year). */
async function reportFor(sources: StatusPageSources, year: number): Promise<{ report: YearReport | null; reportProblem: string | null }> {
  try {
    const report = await sources.loadReport(year);
    return report ? { report, reportProblem: null } : { report: null, reportProblem: PAGE.nothingPulled };
  } catch (error) {
    if (isAppError(error) && error.code === 'MAPPING_NO_PERIOD') return { report: null, reportProblem: PAGE.noProgramme(year) };
    throw error;
  }
}

/** The units that can be re-run (names from the stored pull) joined with their last import. */
function unitRows(named: NamedUnit[], statuses: Awaited<ReturnType<StatusStore['units']>>): UnitRow[] {
  const byId = new Map(statuses.map((s) => [s.unitId, s]));
  const rows: UnitRow[] = named.map((unit) => ({ unitId: unit.id, unitName: unit.name, status: byId.get(unit.id) ?? null }));
  const listed = new Set(named.map((unit) => unit.id));
  for (const status of statuses) if (!listed.has(status.unitId)) rows.push({ unitId: status.unitId, unitName: status.unitId, status });
  return rows;
}

/** Gathers the status page's data for one request. */
export async function collectStatusPage(sources: StatusPageSources, input: { year: number; now: Date; csrfToken: string; nonce: string; canLogOut: boolean }): Promise<StatusPageModel> {
  const listUnits = sources.listUnits(input.year).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'MAPPING_NO_PERIOD') return [];
    throw error;
  });
  const [runs, lastNightlySuccess, statuses, named, queues, report] = await Promise.all([
    sources.status.runs(50),
    sources.status.lastNightlySuccess(),
    sources.status.units(),
    listUnits,
    queueHealth(sources.queues),
    reportFor(sources, input.year),
  ]);
  return {
    tenantName: sources.tenantName,
    year: input.year,
    timeZone: sources.timeZone,
    now: input.now.toISOString(),
    csrfToken: input.csrfToken,
    nonce: input.nonce,
    canLogOut: input.canLogOut,
    lastNightly: runs.find((run) => run.kind === 'nightly') ?? null,
    lastRun: runs[0] ?? null,
    lastNightlySuccess,
    units: unitRows(named, statuses),
    ...report,
    queues,
  };
}
