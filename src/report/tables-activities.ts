import { REPORT } from '../domain/glossary-report.js';
import { NO_STATUS_LABEL } from './activities.js';
import type { CountTable, YearReport } from './model.js';
import { count, madeWhenRead, state, text, type ReportSection, type ReportTable } from './cells.js';
import { focusAreaLabel } from './labels.js';

const WORDS = REPORT.activities;

function countTable(id: string, caption: string, table: CountTable): ReportTable {
  return {
    id,
    caption,
    columns: [{ label: WORDS.focusArea }, ...table.columns.map((label) => ({ label, isNumeric: true })), { label: WORDS.activities, isNumeric: true }],
    rows: table.rows.map((row) => [text(focusAreaLabel(row.focusArea)), ...row.counts.map(count), count(row.activities)]),
    foot: [[text(WORDS.total), ...table.totals.map(count), count(table.activities)]],
    empty: REPORT.deliveries.noFocusAreas,
  };
}

function knowledgeSection(report: YearReport): ReportSection {
  const { focusAreas, activities } = report.knowledgeRaising;
  const heading = focusAreas.length === 1 && focusAreas[0] ? focusAreas[0].name : WORDS.knowledgeHeading;
  const table = (): ReportTable => ({
    id: 'kunskapshojande',
    caption: WORDS.knowledgeCaption(heading),
    columns: WORDS.knowledgeColumns(report.year).map((label) => ({ label })),
    rows: activities.map((a) => [text(a.name), text(a.unit.unitName), text(a.statusName ?? NO_STATUS_LABEL), text(a.meansNames.join(', ') || REPORT.document.none), state(a.followUp)]),
    foot: [],
    empty: focusAreas.length === 0 ? WORDS.noKnowledgeArea : WORDS.none,
  });
  return { id: 'kunskapshojande', heading, notes: [WORDS.knowledgeIntro(report.year)], tables: madeWhenRead(() => [table()]) };
}

/** The action plan's activities by status and by means, and the knowledge-raising efforts. */
export function activitySections(report: YearReport): ReportSection[] {
  const activities: ReportSection = {
    id: 'aktiviteter',
    heading: WORDS.heading,
    notes: [WORDS.intro(report.year)],
    tables: [countTable('aktiviteter-status', WORDS.byStatus, report.activitiesByStatus), countTable('aktiviteter-medel', WORDS.byMeans, report.activitiesByMeans)],
  };
  return [activities, knowledgeSection(report)];
}
