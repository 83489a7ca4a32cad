import { REPORT } from '../domain/glossary-report.js';
import type { ExternalProject, Financier } from '../domain/programme.js';
import { compareSwedish } from '../rules/order.js';
import { FINANCIER_LABEL, focusAreaLabel } from './labels.js';
import { groupBy } from './lists.js';
import type { FundsCompilation, FundsRow, ProjectRow, ReportFocusArea } from './model-parts.js';

/** Label of the group of projects without a focus area. */
export const NO_FOCUS_AREA_LABEL = REPORT.funds.noFocusArea;
/** Label of the group of projects without a programme or funder name. */
export const NO_PROGRAMME_LABEL = REPORT.funds.noProgramme;

/** What turns projects into report rows: names and order, the years each counts in, its link. */
export interface ProjectContext {
  focusAreas: readonly ReportFocusArea[];
  unitNames: ReadonlyMap<string, string>;
  /** Position of each unit that owes reports (others sort after them). */
  unitOrder: ReadonlyMap<string, number>;
  /** The programme years the project counts in (see ProjectRow.countedYears). */
  countedIn: (project: ExternalProject) => number[];
  link: (project: ExternalProject) => string | null;
}

/** Sums of a group of projects per financier; projects without an amount add 0. */
export function fundsRow(key: string | null, label: string, projects: readonly ProjectRow[]): FundsRow {
  const sum = (financier: Financier) => projects.filter((p) => p.financier === financier).reduce((total, p) => total + (p.grantedSek ?? 0), 0);
  const eu = sum('eu');
  const international = sum('international');
  return { key, label, eu, international, total: eu + international, projects: projects.length, withoutAmount: projects.filter((p) => p.grantedSek === null).length };
}

/** Project rows with unit and focus-area names, by focus-area priority, unit order, then name. */
export function toProjectRows(projects: readonly ExternalProject[], context: ProjectContext): ProjectRow[] {
  const areas = new Map(context.focusAreas.map((area) => [area.key, area]));
  const rank = (p: ExternalProject) => (p.focusAreaKey === null ? Number.MAX_SAFE_INTEGER : (areas.get(p.focusAreaKey)?.priority ?? Number.MAX_SAFE_INTEGER - 1));
  const order = (p: ExternalProject) => context.unitOrder.get(p.unitId) ?? Number.MAX_SAFE_INTEGER;
  return [...projects]
    .sort((a, b) => rank(a) - rank(b) || order(a) - order(b) || compareSwedish(a.name, b.name))
    .map((p) => ({
      nodeId: p.nodeId,
      name: p.name,
      unitId: p.unitId,
      unitName: context.unitNames.get(p.unitId) ?? p.unitId,
      focusAreaKey: p.focusAreaKey,
      focusAreaName: p.focusAreaKey === null ? null : focusAreaLabel(areas.get(p.focusAreaKey) ?? { kind: 'focus-area', priority: 0, name: p.focusAreaKey }),
      financier: p.financier,
      financierName: p.financierName,
      grantedSek: p.grantedSek,
      grantedText: p.grantedText ?? null,
      year: p.year,
      countedYears: context.countedIn(p),
      link: context.link(p),
    }));
}

/** Per focus area, every focus area in order (zero when none), then "Utan fokusområde" when needed. */
export function byFocusAreaGroups<T extends { focusAreaKey: string | null }>(items: readonly T[], focusAreas: readonly ReportFocusArea[]): Array<{ key: string | null; label: string; items: T[] }> {
  const groups = groupBy(items, (item) => item.focusAreaKey);
  const rows = focusAreas.map((area) => ({ key: area.key as string | null, label: focusAreaLabel(area), items: groups.get(area.key) ?? [] }));
  const known = new Set(focusAreas.map((area) => area.key));
  const other = items.filter((item) => item.focusAreaKey === null || !known.has(item.focusAreaKey));
  return other.length === 0 ? rows : [...rows, { key: null, label: NO_FOCUS_AREA_LABEL, items: other }];
}

/**
 * The compilation of granted EU/international project funds ("sammanställning beviljade
 * EU-/internationella projektmedel"): `granted` are the year's projects (the same set the
 * granted-SEK indicator counts); `undated` are projects that count in no year, listed to be fixed.
 * Per focus area every focus area appears (zero when none), plus "Utan fokusområde" when needed.
 */
export function compileFunds(input: { granted: readonly ExternalProject[]; undated: readonly ExternalProject[]; context: ProjectContext }): Omit<FundsCompilation, 'programme'> {
  const { context } = input;
  const projects = toProjectRows(input.granted, context);
  const byFocusArea = byFocusAreaGroups(projects, context.focusAreas).map((group) => fundsRow(group.key, group.label, group.items));
  const byUnit = [...groupBy(projects, (p) => p.unitId)].map(([key, rows]) => fundsRow(key, rows[0]?.unitName ?? key, rows));
  byUnit.sort((a, b) => (context.unitOrder.get(a.key ?? '') ?? 0) - (context.unitOrder.get(b.key ?? '') ?? 0));
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
    total: fundsRow(null, REPORT.funds.total, projects),
    withoutAmount: projects.filter((p) => p.grantedSek === null),
    withoutYear: toProjectRows(input.undated, context),
  };
}
