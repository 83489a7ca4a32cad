import { REPORT } from '../domain/glossary-report.js';
import type { Formatter } from './format.js';
import { focusAreaLabel, REPORT_WORDS, stateText } from './labels.js';
import type { YearReport } from './model.js';
import type { ReportedActivity, ReportedText } from './model-reported.js';
import { activityFacts, byline } from './narrative-text.js';
import { escapeMarkdown, richTextToMarkdown } from './rich-text-format.js';
import { parseRichText } from './rich-text.js';

/** The text parts of the report (follow-up texts, project statements) as Markdown. Pure. */

function linkMarkdown(href: string | null): string {
  return href === null ? '' : ` · [${REPORT_WORDS.openInStratsys}](<${href}>)`;
}

function textsMarkdown(texts: readonly ReportedText[], format: Formatter, none: string): string[] {
  if (texts.length === 0) return [`*${escapeMarkdown(none)}*`, ''];
  return texts.flatMap((text) => [`*${escapeMarkdown(byline(text, format))}:*`, '', richTextToMarkdown(parseRichText(text.html)) || '–', '']);
}

function activityMarkdown(activity: ReportedActivity, year: number, format: Formatter): string[] {
  const facts = activityFacts(activity, year).map(escapeMarkdown).join(' · ');
  return [`**${escapeMarkdown(activity.name)}**  `, `${facts}${linkMarkdown(activity.link)}`, '', ...textsMarkdown(activity.texts, format, REPORT_WORDS.noFollowUp(year))];
}

function* followUpsMarkdown(report: YearReport, format: Formatter): Generator<string> {
  if (!report.reported.hasLinks) yield* [escapeMarkdown(REPORT_WORDS.noLinksNote), ''];
  for (const area of report.reported.followUps) {
    yield* [`### ${escapeMarkdown(focusAreaLabel(area.focusArea))}`, ''];
    if (area.failedUnits.length > 0) yield* [`**${escapeMarkdown(REPORT_WORDS.failedUnits)}:** ${escapeMarkdown(area.failedUnits.map((u) => u.unitName).join(', '))}`, ''];
    if (area.goals.length === 0) yield* [`*${escapeMarkdown(REPORT.activities.none)}*`, ''];
    for (const goal of area.goals) {
      yield* [`#### ${escapeMarkdown(`${REPORT_WORDS.goalPrefix}: ${goal.name}`)}`, ''];
      for (const { unit, activities } of goal.units) {
        yield* [`##### ${escapeMarkdown(unit.unitName)}`, ''];
        for (const activity of activities) yield* activityMarkdown(activity, report.year, format);
      }
    }
  }
}

function* statementsMarkdown(report: YearReport, format: Formatter): Generator<string> {
  for (const statement of report.reported.statements) {
    yield* [
      `**${escapeMarkdown(statement.unit.unitName)}**  `,
      `${escapeMarkdown(stateText(statement.state))}${statement.isNone ? ` · ${escapeMarkdown(REPORT_WORDS.noneStatement)}` : ''}${linkMarkdown(statement.link)}`,
      '',
    ];
    yield* textsMarkdown(statement.texts, format, REPORT_WORDS.noStatement);
  }
}

/** The Markdown lines of a section's narrative, each made as it is read. */
export function narrativeMarkdownLines(kind: 'follow-ups' | 'statements', report: YearReport, format: Formatter): Generator<string> {
  return kind === 'follow-ups' ? followUpsMarkdown(report, format) : statementsMarkdown(report, format);
}
