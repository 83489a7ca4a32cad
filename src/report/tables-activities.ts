import { NO_STATUS_LABEL } from './activities.js';
import type { CountTable, YearReport } from './model.js';
import { count, focusAreaLabel, state, text, type ReportSection, type ReportTable } from './tables.js';

function countTable(id: string, caption: string, table: CountTable): ReportTable {
  return {
    id,
    caption,
    columns: [{ label: 'Fokusområde' }, ...table.columns.map((label) => ({ label, isNumeric: true })), { label: 'Aktiviteter', isNumeric: true }],
    rows: table.rows.map((row) => [text(focusAreaLabel(row.focusArea)), ...row.counts.map(count), count(row.activities)]),
    foot: [[text('Totalt'), ...table.totals.map(count), count(table.activities)]],
    empty: 'Programmet har inga fokusområden.',
  };
}

function knowledgeSection(report: YearReport): ReportSection {
  const { focusAreas, activities } = report.knowledgeRaising;
  const heading = focusAreas.length === 1 && focusAreas[0] ? focusAreas[0].name : 'Kunskapshöjande insatser';
  const table: ReportTable = {
    id: 'kunskapshojande',
    caption: `${heading}: aktiviteter`,
    columns: ['Aktivitet', 'Förvaltning/bolag', 'Status', 'Medel', `Uppföljning ${report.year}`].map((label) => ({ label })),
    rows: activities.map((a) => [text(a.name), text(a.unit.unitName), text(a.statusName ?? NO_STATUS_LABEL), text(a.meansNames.join(', ') || '–'), state(a.followUp)]),
    foot: [],
    empty: focusAreas.length === 0 ? 'Programmet har inget område för kunskapshöjande insatser.' : 'Inga aktiviteter.',
  };
  return {
    id: 'kunskapshojande',
    heading,
    notes: ['Kunskapshöjande insatser för politik och tjänstemän: utveckling i ett flernivåperspektiv med fokus på EU och de globala hållbarhetsmålen.'],
    tables: [table],
  };
}

/** The action plan's activities by status and by means, and the knowledge-raising efforts. */
export function activitySections(report: YearReport): ReportSection[] {
  const activities: ReportSection = {
    id: 'aktiviteter',
    heading: 'Aktiviteter i handlingsplanen',
    notes: [
      `Handlingsplanens aktiviteter hos förvaltningar och bolag som rapporterar ${report.year}. En aktivitet kan ha flera medel och räknas då under vart och ett av dem.`,
    ],
    tables: [
      countTable('aktiviteter-status', 'Aktiviteter per fokusområde och status', report.activitiesByStatus),
      countTable('aktiviteter-medel', 'Aktiviteter per fokusområde och medel', report.activitiesByMeans),
    ],
  };
  return [activities, knowledgeSection(report)];
}
