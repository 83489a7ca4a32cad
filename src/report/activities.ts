import { REPORT } from '../domain/glossary-report.js';
import type { ActionActivity, Means, StatusKind } from '../domain/programme.js';
import { compareSwedish } from '../rules/order.js';
import type { CountTable, KnowledgeActivity } from './model.js';
import type { CellState, ReportFocusArea, ReportUnit } from './model-parts.js';

const STATUS_ORDER: Record<StatusKind, number> = { 'not-started': 0, ongoing: 1, finished: 2, other: 3 };
/** Column label for activities without a status. */
export const NO_STATUS_LABEL = REPORT.activities.noStatus;
/** Column label for activities without any means keyword. */
export const NO_MEANS_LABEL = REPORT.activities.noMeans;

interface Category {
  key: string;
  label: string;
  has(activity: ActionActivity): boolean;
}

function countTable(activities: readonly ActionActivity[], focusAreas: readonly ReportFocusArea[], categories: Category[]): CountTable {
  const rows = focusAreas.map((focusArea) => {
    const inArea = activities.filter((activity) => activity.focusAreaKey === focusArea.key);
    return { focusArea, counts: categories.map((c) => inArea.filter((a) => c.has(a)).length), activities: inArea.length };
  });
  const totals = categories.map((_, i) => rows.reduce((sum, row) => sum + (row.counts[i] ?? 0), 0));
  return { columns: categories.map((c) => c.label), rows, totals, activities: rows.reduce((sum, row) => sum + row.activities, 0) };
}

/**
 * Activities per focus area and status: one column per status in use (not started, ongoing,
 * finished, other; then by name), plus "Utan status" when some activity has none.
 */
export function activitiesByStatus(activities: readonly ActionActivity[], focusAreas: readonly ReportFocusArea[]): CountTable {
  const statuses = new Map(activities.flatMap((a) => (a.status ? [[a.status.id, a.status] as const] : [])));
  const ordered = [...statuses.values()].sort((a, b) => STATUS_ORDER[a.kind] - STATUS_ORDER[b.kind] || compareSwedish(a.name, b.name));
  const categories: Category[] = ordered.map((status) => ({ key: status.id, label: status.name, has: (a) => a.status?.id === status.id }));
  if (activities.some((a) => a.status === null)) categories.push({ key: '', label: NO_STATUS_LABEL, has: (a) => a.status === null });
  return countTable(activities, focusAreas, categories);
}

/**
 * Activities per focus area and means (the programme's order), plus "Utan medel" when some
 * activity has none. An activity with several means counts in each of them.
 */
export function activitiesByMeans(activities: readonly ActionActivity[], focusAreas: readonly ReportFocusArea[], means: readonly Means[]): CountTable {
  const known = new Set(means.map((m) => m.key));
  const categories: Category[] = means.map((m) => ({ key: m.key, label: m.name, has: (a) => a.meansKeys.includes(m.key) }));
  const hasNone = (a: ActionActivity) => !a.meansKeys.some((key) => known.has(key));
  if (activities.some(hasNone)) categories.push({ key: '', label: NO_MEANS_LABEL, has: hasNone });
  return countTable(activities, focusAreas, categories);
}

/**
 * The knowledge-raising efforts ("Kunskapshöjande insatser"): every activity in a focus area of
 * kind `knowledge-raising`, with its unit's follow-up state there; by unit order, then name.
 */
export function knowledgeActivities(
  activities: readonly ActionActivity[],
  input: { focusAreas: readonly ReportFocusArea[]; units: readonly ReportUnit[]; means: readonly Means[]; stateOf: (unitId: string, focusAreaKey: string) => CellState },
): KnowledgeActivity[] {
  const areas = new Set(input.focusAreas.filter((area) => area.kind === 'knowledge-raising').map((area) => area.key));
  const order = new Map(input.units.map((unit, index) => [unit.unitId, index]));
  const units = new Map(input.units.map((unit) => [unit.unitId, unit]));
  const meansName = new Map(input.means.map((m) => [m.key, m.name]));
  return activities
    .filter((a) => areas.has(a.focusAreaKey) && units.has(a.unitId))
    .sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) || compareSwedish(a.name, b.name))
    .map((a) => ({
      nodeId: a.nodeId,
      name: a.name,
      unit: units.get(a.unitId) as ReportUnit,
      focusAreaKey: a.focusAreaKey,
      statusName: a.status?.name ?? null,
      meansNames: a.meansKeys.flatMap((key) => meansName.get(key) ?? []),
      followUp: input.stateOf(a.unitId, a.focusAreaKey),
    }));
}
