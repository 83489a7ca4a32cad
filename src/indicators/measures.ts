import type { Evaluation, ExpectedReport } from '../domain/evaluation.js';
import { REPORT_MEASURES, type IndicatorDefinition, type IndicatorMeasure } from '../domain/indicators.js';
import type { ActionActivity, ExternalProject, ProgrammeView } from '../domain/programme.js';
import { sharePercent } from '../rules/summaries.js';
import { AppError } from '../shared/errors.js';

/** Which part of the data one value covers: null = no restriction. */
export interface Slice {
  focusAreaKey: string | null;
  unitId: string | null;
}

/** Reports (known state), activities and projects of one slice of the data. */
export interface Pool {
  reports: ExpectedReport[];
  activities: ActionActivity[];
  projects: ExternalProject[];
}

/** The data every measure reads, prepared once per computeIndicators call. */
export interface MeasureData {
  evaluation: Evaluation;
  /** Activities of units that owe reports in Y. */
  activities: ActionActivity[];
  /** Projects counted in Y (see countedYears) of units that owe reports in Y, one per node id. */
  projects: ExternalProject[];
  /** The same data indexed once per unit and per focus area, so each value reads only its slice. */
  byUnit: Map<string, Pool>;
  byFocusArea: Map<string, Pool>;
  all: Pool;
  /** Reports that are unknown because their evidence could not be read. */
  unreadable: ExpectedReport[];
}

function indexPools(pool: Pool, key: (item: { unitId: string; focusAreaKey: string | null }) => string | null): Map<string, Pool> {
  const out = new Map<string, Pool>();
  // Items come grouped (the view's are sorted by unit), so the last pool is usually the next one.
  let lastKey: string | null = null;
  let lastPool: Pool | null = null;
  const target = (item: { unitId: string; focusAreaKey: string | null }): Pool | null => {
    const k = key(item);
    if (k === null) return null;
    if (k === lastKey && lastPool !== null) return lastPool;
    let found = out.get(k);
    if (!found) out.set(k, (found = { reports: [], activities: [], projects: [] }));
    lastKey = k;
    lastPool = found;
    return found;
  };
  for (const report of pool.reports) target(report)?.reports.push(report);
  for (const activity of pool.activities) target(activity)?.activities.push(activity);
  for (const project of pool.projects) target(project)?.projects.push(project);
  return out;
}

/**
 * The programme years a project counts in: its `countedYears` (see ExternalProject), or for views
 * built before those existed its grant `year`.
 */
export function countedYears(project: ExternalProject): number[] {
  return project.countedYears ?? (project.year === null ? [] : [project.year]);
}

/** Prepares the activity and project sets the measures count (see MeasureData). */
export function prepareMeasureData(view: ProgrammeView, evaluation: Evaluation): MeasureData {
  const owing = new Set(evaluation.units.map((unit) => unit.unitId));
  const seen = new Set<string>();
  const projects = view.projects.filter((project) => {
    if (!countedYears(project).includes(evaluation.year) || !owing.has(project.unitId) || seen.has(project.nodeId)) return false;
    seen.add(project.nodeId);
    return true;
  });
  const activities = view.activities.every((activity) => owing.has(activity.unitId)) ? view.activities : view.activities.filter((activity) => owing.has(activity.unitId));
  const all: Pool = { reports: evaluation.reports.filter((report) => report.state !== 'unknown'), activities, projects };
  const unreadable = evaluation.reports.filter((report) => report.state === 'unknown' && report.unknownReason === 'unreadable-evidence');
  return { evaluation, activities, projects, all, byUnit: indexPools(all, (item) => item.unitId), byFocusArea: indexPools(all, (item) => item.focusAreaKey), unreadable };
}

const REPORT_MEASURE_SET: ReadonlySet<IndicatorMeasure> = new Set(REPORT_MEASURES);

/**
 * Ids of the reports a report measure counts in the slice whose state is `unknown` because their
 * evidence could not be read (`unreadable-evidence`). Empty for activity and project measures.
 */
export function unknownReportsIn(definition: IndicatorDefinition, slice: Slice, data: MeasureData): string[] {
  if (!REPORT_MEASURE_SET.has(definition.measure)) return [];
  return data.unreadable
    .filter((report) => definition.reportType === null || report.type === definition.reportType)
    .filter((report) => (slice.unitId === null || report.unitId === slice.unitId) && (slice.focusAreaKey === null || report.focusAreaKey === slice.focusAreaKey))
    .map((report) => report.id);
}

/**
 * True when a project's amount field has text that could not be read as SEK (a misreading would be
 * silently wrong); a blank field (no text) is a known gap and counts as 0 SEK.
 */
export function hasUnreadableAmount(project: ExternalProject): boolean {
  return project.grantedSek === null && project.grantedText !== null;
}

/**
 * Node ids of the projects a `granted-sek` value counts in the slice whose amount is present but
 * unreadable: the sum is unknown while there are any, and the value is held back. Empty for every
 * other measure.
 */
export function unknownProjectsIn(definition: IndicatorDefinition, slice: Slice, data: MeasureData): string[] {
  if (definition.measure !== 'granted-sek') return [];
  return poolOf(slice, data)
    .projects.filter((project) => isInSlice(slice, project) && hasUnreadableAmount(project))
    .map((project) => project.nodeId);
}

/** The projects counted in the year (see MeasureData) whose amount is unreadable, and those without one. */
export function projectAmountGaps(view: ProgrammeView, evaluation: Evaluation): { unreadable: ExternalProject[]; missing: ExternalProject[] } {
  const { projects } = prepareMeasureData(view, evaluation);
  return { unreadable: projects.filter(hasUnreadableAmount), missing: projects.filter((p) => p.grantedSek === null && !hasUnreadableAmount(p)) };
}

const FILTERED: ReadonlySet<IndicatorMeasure> = new Set(['activities-by-status', 'activities-by-means']);

/** Throws MAPPING_INVALID when a by-status / by-means definition has no filter. */
export function assertFilter(definition: IndicatorDefinition): void {
  if (FILTERED.has(definition.measure) && (definition.filter === null || definition.filter === '')) {
    throw new AppError('MAPPING_INVALID', `indicator ${definition.key}: ${definition.measure} needs a filter`, {
      details: { indicatorKey: definition.key },
    });
  }
}

const EMPTY_POOL: Pool = { reports: [], activities: [], projects: [] };

/** The smallest prepared pool that contains the slice (a unit's, a focus area's, or everything). */
function poolOf(slice: Slice, data: MeasureData): Pool {
  if (slice.unitId !== null) return data.byUnit.get(slice.unitId) ?? EMPTY_POOL;
  if (slice.focusAreaKey !== null) return data.byFocusArea.get(slice.focusAreaKey) ?? EMPTY_POOL;
  return data.all;
}

function isInSlice(slice: Slice, item: { unitId: string; focusAreaKey: string | null }): boolean {
  return (slice.unitId === null || item.unitId === slice.unitId) && (slice.focusAreaKey === null || item.focusAreaKey === slice.focusAreaKey);
}

/**
 * The value of one measure over one slice, or null when it has none (share-delivered with nothing
 * expected). Report measures count the evaluation's reports of `reportType` (null = both) whose
 * state is known; a project report belongs to no focus area, so only to slices without one.
 */
export function measureValue(definition: IndicatorDefinition, slice: Slice, data: MeasureData): number | null {
  // The pool is the slice itself unless both a unit and a focus area restrict it.
  const isPoolTheSlice = slice.unitId === null || slice.focusAreaKey === null;
  const inSlice = (item: { unitId: string; focusAreaKey: string | null }): boolean => isPoolTheSlice || isInSlice(slice, item);
  const pool = poolOf(slice, data);
  const reports = pool.reports.filter((report) => (definition.reportType === null || report.type === definition.reportType) && inSlice(report));
  const countState = (state: string): number => reports.filter((report) => report.state === state).length;
  const activities = isPoolTheSlice ? pool.activities : pool.activities.filter(inSlice);
  const projects = isPoolTheSlice ? pool.projects : pool.projects.filter(inSlice);
  switch (definition.measure) {
    case 'expected':
      return reports.length;
    case 'delivered-on-time':
      return countState('on-time');
    case 'delivered-late':
      return countState('late');
    case 'missing':
      return countState('missing');
    case 'not-yet-due':
      return countState('not-yet-due');
    case 'share-delivered':
      return sharePercent(countState('on-time') + countState('late'), reports.length);
    case 'activities':
      return activities.length;
    case 'activities-by-status':
      return activities.filter((activity) => activity.status?.kind === definition.filter).length;
    case 'activities-by-means':
      return activities.filter((activity) => activity.meansKeys.includes(definition.filter ?? '')).length;
    case 'projects':
      return projects.length;
    case 'granted-sek':
      // A blank amount adds 0 (a known gap, named in the run summary); an unreadable one makes the
      // value unknown (see unknownProjectsIn), so this sum is then held back, never written.
      return projects.reduce((sum, project) => sum + (project.grantedSek ?? 0), 0);
  }
}
