import type { ExternalProject, Financier } from '../domain/programme.js';
import { compareSwedish } from '../rules/order.js';
import { FINANCIER_LABEL, focusAreaLabel } from './labels.js';
import type { FundsCompilation, FundsRow, ProjectRow, ReportFocusArea, ReportUnit } from './model.js';

/** Label of the group of projects without a focus area. */
export const NO_FOCUS_AREA_LABEL = 'Utan fokusområde';
/** Label of the group of projects without a programme or funder name. */
export const NO_PROGRAMME_LABEL = 'Ej angiven';

function fundsRow(key: string | null, label: string, projects: readonly ProjectRow[]): FundsRow {
  const sum = (financier: Financier) => projects.filter((p) => p.financier === financier).reduce((total, p) => total + (p.grantedSek ?? 0), 0);
  const eu = sum('eu');
  const international = sum('international');
  return { key, label, eu, international, total: eu + international, projects: projects.length, withoutAmount: projects.filter((p) => p.grantedSek === null).length };
}

function groupBy(projects: readonly ProjectRow[], keyOf: (p: ProjectRow) => string | null): Map<string | null, ProjectRow[]> {
  const groups = new Map<string | null, ProjectRow[]>();
  for (const project of projects) groups.set(keyOf(project), [...(groups.get(keyOf(project)) ?? []), project]);
  return groups;
}

/** Project rows with unit and focus-area names, by focus-area priority, unit order, then name. */
function toRows(projects: readonly ExternalProject[], focusAreas: readonly ReportFocusArea[], unitNames: ReadonlyMap<string, string>, unitOrder: ReadonlyMap<string, number>): ProjectRow[] {
  const areas = new Map(focusAreas.map((area) => [area.key, area]));
  const rank = (p: ExternalProject) => (p.focusAreaKey === null ? Number.MAX_SAFE_INTEGER : (areas.get(p.focusAreaKey)?.priority ?? Number.MAX_SAFE_INTEGER - 1));
  return [...projects]
    .sort((a, b) => rank(a) - rank(b) || (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) || compareSwedish(a.name, b.name))
    .map((p) => ({
      nodeId: p.nodeId,
      name: p.name,
      unitId: p.unitId,
      unitName: unitNames.get(p.unitId) ?? p.unitId,
      focusAreaKey: p.focusAreaKey,
      focusAreaName: p.focusAreaKey === null ? null : focusAreaLabel(areas.get(p.focusAreaKey) ?? { kind: 'focus-area', priority: 0, name: p.focusAreaKey }),
      financier: p.financier,
      financierName: p.financierName,
      grantedSek: p.grantedSek,
      grantedText: p.grantedText ?? null,
      year: p.year,
    }));
}

/**
 * The compilation of granted EU/international project funds ("sammanställning beviljade
 * EU-/internationella projektmedel"): `granted` are the year's projects (the same set the
 * granted-SEK indicator counts); `undated` are projects with no grant year, listed to be fixed.
 * Per focus area every focus area appears (zero when none), plus "Utan fokusområde" when needed.
 */
export function compileFunds(input: {
  granted: readonly ExternalProject[];
  undated: readonly ExternalProject[];
  focusAreas: readonly ReportFocusArea[];
  units: readonly ReportUnit[];
  unitNames: ReadonlyMap<string, string>;
}): FundsCompilation {
  const order = new Map(input.units.map((unit, index) => [unit.unitId, index]));
  const projects = toRows(input.granted, input.focusAreas, input.unitNames, order);
  const byArea = groupBy(projects, (p) => p.focusAreaKey);
  const byFocusArea = input.focusAreas.map((area) => fundsRow(area.key, focusAreaLabel(area), byArea.get(area.key) ?? []));
  if (byArea.has(null)) byFocusArea.push(fundsRow(null, NO_FOCUS_AREA_LABEL, byArea.get(null) ?? []));
  const byUnit = [...groupBy(projects, (p) => p.unitId)].map(([key, rows]) => fundsRow(key, rows[0]?.unitName ?? String(key), rows));
  byUnit.sort((a, b) => (order.get(a.key ?? '') ?? 0) - (order.get(b.key ?? '') ?? 0));
  const byFinancierGroups = groupBy(projects, (p) => p.financier);
  const byFinancier = (['eu', 'international'] as const).map((f) => fundsRow(f, FINANCIER_LABEL[f], byFinancierGroups.get(f) ?? []));
  const byProgramme = [...groupBy(projects, (p) => p.financierName)]
    .map(([key, rows]) => fundsRow(key, key ?? NO_PROGRAMME_LABEL, rows))
    .sort((a, b) => b.total - a.total || compareSwedish(a.label, b.label));
  return {
    projects,
    byFocusArea,
    byUnit,
    byFinancier,
    byProgramme,
    total: fundsRow(null, 'Totalt', projects),
    withoutAmount: projects.filter((p) => p.grantedSek === null),
    withoutYear: toRows(input.undated, input.focusAreas, input.unitNames, order),
  };
}
