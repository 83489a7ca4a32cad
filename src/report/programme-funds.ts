import { REPORT } from '../domain/glossary-report.js';
import type { ExternalProject } from '../domain/programme.js';
import { byFocusAreaGroups, fundsRow, toProjectRows, type ProjectContext } from './funds.js';
import { groupBy } from './lists.js';
import type { PeriodFundsRow, ProgrammeFunds, ProjectRow } from './model-parts.js';

/**
 * Projects and funds over the programme period, in the yearly report: every externally financed
 * project found, whatever year it was granted, with the programme years it counts in. Pure.
 */

/**
 * The programme period's projects and funds. `context.countedIn` gives the years a project counts
 * in (one of its countedYears, src/indicators/measures.ts, while its unit owes reports), so each
 * year's column equals that year's own compilation. A node found in several units is one project:
 * it counts in each year it counts in for any of them, and is shown under the first such unit.
 */
export function compileProgrammeFunds(input: { projects: readonly ExternalProject[]; years: readonly number[]; context: ProjectContext }): ProgrammeFunds {
  const nodes = [...groupBy(input.projects, (p) => p.nodeId).values()];
  const years = new Map(nodes.map((found) => [found[0]?.nodeId, [...new Set(found.flatMap((p) => input.context.countedIn(p)))].sort((a, b) => a - b)]));
  const context: ProjectContext = { ...input.context, countedIn: (p) => years.get(p.nodeId) ?? [] };
  const chosen = nodes.flatMap((found) => found.find((p) => input.context.countedIn(p).length > 0) ?? found.slice(0, 1));
  const projects = toProjectRows(chosen, context);
  const countedIn = (year: number) => (rows: readonly ProjectRow[]) => rows.filter((p) => p.countedYears.includes(year));
  const counted = projects.filter((p) => p.countedYears.length > 0);
  const byYear = input.years.map((year) => fundsRow(String(year), String(year), countedIn(year)(counted)));
  const periodRow = (key: string | null, label: string, rows: readonly ProjectRow[]): PeriodFundsRow => ({
    key,
    label,
    perYear: input.years.map((year) => fundsRow(String(year), String(year), countedIn(year)(rows))),
    period: fundsRow(key, label, rows),
  });
  return {
    years: [...input.years],
    projects,
    byYear,
    total: fundsRow(null, REPORT.funds.total, counted),
    byFocusArea: byFocusAreaGroups(counted, context.focusAreas).map((group) => periodRow(group.key, group.label, group.items)),
    withoutAmount: projects.filter((p) => p.grantedSek === null),
    notCounted: projects.filter((p) => p.countedYears.length === 0),
  };
}
