import { countedYears, prepareMeasureData } from '../indicators/measures.js';
import type { Assessment } from '../pipeline/evaluate.js';
import { sortFocusAreas } from '../rules/units.js';
import { activitiesByMeans, activitiesByStatus, knowledgeActivities } from './activities.js';
import { buildDeliveries, toReportUnits } from './deliveries.js';
import { compileFunds } from './funds.js';
import type { ReportFocusArea, ReportLinks, ReportMeta, YearReport } from './model.js';
import { createNodeLinker } from './permalink.js';
import { buildReported } from './reported.js';

/** A report without links to Stratsys. */
export const NO_LINKS: ReportLinks = { nodeTemplate: null, origin: null, statementNodeId: null };

/**
 * The yearly compilation from one Assessment: who delivered (per focus area in priority order,
 * the project reports, the unit × focus-area matrix), the action plan's activities by status and
 * by means, the knowledge-raising efforts, and the granted project funds. Pure: the activity and
 * project sets are the ones the indicators count (units that owe reports in the year; projects
 * granted in the year), so the report's figures match the KPI values written back.
 */
export function buildYearReport(assessment: Pick<Assessment, 'view' | 'evaluation'>, meta: ReportMeta, links: ReportLinks = NO_LINKS): YearReport {
  const { view, evaluation } = assessment;
  const focusAreas: ReportFocusArea[] = sortFocusAreas(view.period.focusAreas).map(({ key, name, priority, kind }) => ({ key, name, priority, kind }));
  const units = toReportUnits(evaluation);
  const deliveries = buildDeliveries(evaluation, focusAreas, units);
  const data = prepareMeasureData(view, evaluation);
  const owing = new Set(units.map((unit) => unit.unitId));
  const undated = [...new Map(view.projects.filter((p) => countedYears(p).length === 0 && owing.has(p.unitId)).map((p) => [p.nodeId, p])).values()];
  const columnOf = new Map(deliveries.matrix.columns.map((column, index) => [column.focusAreaKey, index]));
  const cells = new Map(deliveries.matrix.rows.map((row) => [row.unit.unitId, row.cells]));
  return {
    programme: { id: view.period.id, name: view.period.name },
    year: evaluation.year,
    asOf: evaluation.asOf,
    timeZone: evaluation.timeZone,
    meta,
    focusAreas,
    units,
    ...deliveries,
    activitiesByStatus: activitiesByStatus(data.activities, focusAreas),
    activitiesByMeans: activitiesByMeans(data.activities, focusAreas, view.period.means),
    knowledgeRaising: {
      focusAreas: focusAreas.filter((area) => area.kind === 'knowledge-raising'),
      activities: knowledgeActivities(data.activities, {
        focusAreas,
        units,
        means: view.period.means,
        stateOf: (unitId, key) => cells.get(unitId)?.[columnOf.get(key) ?? -1] ?? 'not-owed',
      }),
    },
    funds: compileFunds({ granted: data.projects, undated, focusAreas, units, unitNames: new Map(view.units.map((u) => [u.id, u.name])) }),
    reported: buildReported({
      view,
      evaluation,
      activities: data.activities,
      focusAreas,
      units,
      link: createNodeLinker(links.nodeTemplate, links.origin),
      hasLinks: links.nodeTemplate !== null,
      statementNodeId: links.statementNodeId,
    }),
  };
}
