import { REPORT } from '../domain/glossary-report.js';
import type { Formatter } from './format.js';
import { focusAreaLabel, GOAL_LEVEL_LABEL, REPORT_WORDS, STATE_LABEL } from './labels.js';
import type { YearReport } from './model.js';
import type { GoalContribution, ReportedText } from './model-reported.js';
import { count, madeWhenRead, instant, link, linkedText, rich, state, text, type Cell, type ReportSection, type ReportTable } from './cells.js';

const W = REPORT.reportedTables;
const FOLLOW_UP_COLUMNS = W.followUpColumns.map((label) => ({ label }));

function textCells(texts: readonly ReportedText[]): Cell[][] {
  if (texts.length === 0) return [[rich(''), text(''), instant(null)]];
  return texts.map((t) => [rich(t.html), text(t.author ?? REPORT_WORDS.unknownAuthor), instant(t.postedAt)]);
}

/** The follow-up table's rows in order, made one activity at a time. */
function* followUpRows(report: YearReport): Generator<Cell[]> {
  for (const area of report.reported.followUps) {
    const areaLabel = text(focusAreaLabel(area.focusArea));
    for (const goal of area.goals)
      for (const { unit, activities } of goal.units)
        for (const a of activities)
          for (const [body, author, at] of textCells(a.texts))
            yield [
              areaLabel,
              text(goal.name),
              text(unit.unitName),
              text(a.name),
              text(a.statusName ?? REPORT_WORDS.noStatus),
              text(a.meansNames.join(', ')),
              state(a.state),
              body as Cell,
              author as Cell,
              at as Cell,
              link(REPORT_WORDS.openInStratsys, a.link),
            ];
  }
}

/**
 * One row per follow-up text (and one per activity without any), for CSV and the workbook; its
 * rows (some 60,000 at 2,000 units) are made as they are written.
 */
function followUpTable(report: YearReport): ReportTable {
  const rows = madeWhenRead(() => followUpRows(report));
  return { id: 'uppfoljningar', caption: W.followUpCaption(report.year), sheet: W.followUpSheet, columns: FOLLOW_UP_COLUMNS, rows, foot: [], empty: W.noActivities, isDataOnly: true };
}

/**
 * What the units reported: texts per focus area → goal → unit → activity. Its table (one row per
 * text, for CSV and the workbook) is left out with `dataTables` false: the documents do not show it,
 * and at 2,000 units it is some 60,000 rows.
 */
export function reportedSection(report: YearReport, format: Formatter, dataTables = true): ReportSection {
  const texts = report.reported.followUps.flatMap((a) => a.goals.flatMap((g) => g.units.flatMap((u) => u.activities.flatMap((x) => x.texts))));
  const late = texts.filter((t) => t.isAfterAsOf).length;
  const notes = [W.intro(report.year, texts.length)];
  if (late > 0) notes.push(W.lateNote(late, format.longDate(report.asOf)));
  return { id: 'uppfoljning', heading: REPORT_WORDS.followUpHeading, notes, narrative: 'follow-ups', tables: dataTables ? madeWhenRead(() => [followUpTable(report)]) : [] };
}

/** The project statements as rows (for CSV and the workbook). */
export function statementTable(report: YearReport): ReportTable {
  const rows = report.reported.statements.flatMap((s) =>
    textCells(s.texts).map(([body, author, at]) => [
      text(s.unit.unitName),
      state(s.state),
      text(s.isNone ? REPORT_WORDS.noneStatement : ''),
      body as Cell,
      author as Cell,
      at as Cell,
      link(REPORT_WORDS.openInStratsys, s.link),
    ]),
  );
  const columns = W.statementColumns.map((label) => ({ label }));
  return { id: 'projektredovisningar', caption: W.statementCaption(report.year), sheet: W.statementSheet, columns, rows, foot: [], empty: W.noStatements, isDataOnly: true };
}

function goalOverview(report: YearReport): ReportTable {
  const columns = [{ label: W.goalColumns.goal }, { label: W.goalColumns.level }, ...W.goalColumns.counts.map((label) => ({ label, isNumeric: true }))];
  const rows = report.reported.goals.map((g) => [
    text(g.name),
    text(GOAL_LEVEL_LABEL[g.level]),
    count(g.activities.length),
    count(g.followedUp),
    count(g.missing),
    count(g.byStatus['not-started']),
    count(g.byStatus.ongoing),
    count(g.byStatus.finished),
  ]);
  return { id: 'mal-oversikt', caption: W.goalsCaption(report.year), sheet: W.goalsSheet, columns, rows, foot: [], empty: W.noGoals };
}

function goalTable(goal: GoalContribution, report: YearReport, index: number): ReportTable {
  const labels = W.goalTableColumns(report.year);
  const columns = labels.map((label, i) => ({ label, isDataOnly: i === labels.length - 1 }));
  const rows = goal.activities.map(({ activity, unitName, focusAreaLabel }) => [
    linkedText(activity.name, activity.link),
    text(unitName),
    text(focusAreaLabel),
    text(activity.statusName ?? REPORT_WORDS.noStatus),
    state(activity.state),
    link(REPORT_WORDS.openInStratsys, activity.link),
  ]);
  return { id: `mal-${goal.key}`, caption: `${GOAL_LEVEL_LABEL[goal.level]}: ${goal.name}`, sheet: W.goalSheet(index + 1), columns, rows, foot: [], empty: W.noContribution, layout: 'goal' };
}

/** Contribution to goals: per municipality-wide and operational goal, the activities that serve it and their state. */
export function goalsSection(report: YearReport): ReportSection {
  return {
    id: 'mal',
    heading: W.goalsHeading,
    notes: [W.goalsIntro(report.year, `${STATE_LABEL['on-time'].toLowerCase()}, ${STATE_LABEL.late.toLowerCase()} ${W.or} ${STATE_LABEL.missing.toLowerCase()}`)],
    tables: madeWhenRead(function* () {
      yield goalOverview(report);
      for (const [i, goal] of report.reported.goals.entries()) yield goalTable(goal, report, i);
    }),
  };
}
