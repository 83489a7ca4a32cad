import { prepareMeasureData } from '../indicators/measures.js';
import type { Assessment } from '../pipeline/evaluate.js';
import { sortFocusAreas } from '../rules/units.js';
import { activitiesByMeans, activitiesByStatus, knowledgeActivities } from './activities.js';
import { buildDeliveries, toReportUnits } from './deliveries.js';
import { buildFunds } from './build-funds.js';
import type { ReportLinks, ReportMeta, YearReport } from './model.js';
import type { ReportFocusArea } from './model-parts.js';
import { createNodeLinker } from './permalink.js';
import { buildReported } from './reported.js';

/** A report without links to Stratsys. */
export const NO_LINKS: ReportLinks = { nodeTemplate: null, origin: null, statementNodeId: null };

/**
 * The yearly compilation from one Assessment: who delivered (per focus area in priority order,
 * the project reports, the unit × focus-area matrix), the action plan's activities by status and
 * by means, the knowledge-raising efforts, the year's granted project funds and the projects and
 * funds over the programme period. Pure: the activity and project sets are the ones the
 * indicators count (units that owe reports in the year; projects counted in the year), so the
 * report's figures match the KPI values written back.
 */
export function buildYearReport(assessment: Pick<Assessment, 'view' | 'evaluation'>, meta: ReportMeta, links: ReportLinks = NO_LINKS): YearReport {
  const { view, evaluation } = assessment;
  const focusAreas: ReportFocusArea[] = sortFocusAreas(view.period.focusAreas).map(({ key, name, priority, kind }) => ({ key, name, priority, kind }));
  const units = toReportUnits(evaluation);
  const deliveries = buildDeliveries(evaluation, focusAreas, units);
  const data = prepareMeasureData(view, evaluation);
  const link = createNodeLinker(links.nodeTemplate, links.origin);
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
    funds: buildFunds({ view, evaluation, granted: data.projects, focusAreas, units, link }),
    reported: buildReported({
      view,
      evaluation,
      activities: data.activities,
      focusAreas,
      units,
      link,
      hasLinks: links.nodeTemplate !== null,
      statementNodeId: links.statementNodeId,
    }),
  };
}
