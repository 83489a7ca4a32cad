import { createFormatter, type Formatter } from './format.js';
import { CELL_STATES, STATE_LABEL, STATE_MEANING, STATE_SYMBOL } from './labels.js';
import { narrativeMarkdownLines } from './markdown-narrative.js';
import type { YearReport } from './model.js';
import { escapeMarkdown, richTextToPlain } from './rich-text-format.js';
import { parseRichText } from './rich-text.js';
import { reportFacts, reportNotice, reportSections, reportTitle } from './tables.js';
import { shownColumns, type Cell, type ReportSection, type ReportTable } from './cells.js';
import { appendAll, inParts, PART_CHARS } from './lists.js';

export { escapeMarkdown } from './rich-text-format.js';

function cellText(cell: Cell, format: Formatter): string {
  switch (cell.kind) {
    case 'text':
      return cell.href ? `[${escapeMarkdown(cell.text)}](<${cell.href}>)` : escapeMarkdown(cell.text);
    case 'count':
      return cell.value === null ? '' : format.integer(cell.value);
    case 'sek':
      return format.sek(cell.value);
    case 'percent':
      return format.percent(cell.value);
    case 'instant':
      return format.dateTime(cell.value);
    case 'state':
      return `${STATE_SYMBOL[cell.state]} ${STATE_LABEL[cell.state]}`;
    case 'link':
      return cell.href === null ? '–' : `[${escapeMarkdown(cell.text)}](<${cell.href}>)`;
    case 'rich':
      return escapeMarkdown(richTextToPlain(parseRichText(cell.html)));
  }
}

/** A table as Markdown lines: bold caption, header, rows, bold totals. */
export function tableMarkdown(table: ReportTable, format: Formatter): string[] {
  return [...tableMarkdownLines(table, format)];
}

function* tableMarkdownLines(table: ReportTable, format: Formatter): Generator<string> {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const { columns, cells } = shownColumns(table);
  yield* [`**${escapeMarkdown(table.caption)}**`, '', line(columns.map((c) => escapeMarkdown(c.label))), line(columns.map((c) => (c.isNumeric ? '---:' : '---')))];
  let rows = 0;
  for (const row of table.rows) {
    rows += 1;
    yield line(cells(row).map((cell) => cellText(cell, format)));
  }
  if (rows === 0) yield line([escapeMarkdown(table.empty), ...columns.slice(1).map(() => '')]);
  for (const row of table.foot) yield line(cells(row).map((cell, i) => (i === 0 ? `**${cellText(cell, format)}**` : cellText(cell, format))));
  yield '';
}

function* sectionLines(section: ReportSection, index: number, report: YearReport, format: Formatter): Generator<string> {
  yield* [`## ${index + 1}. ${escapeMarkdown(section.heading)}`, ''];
  for (const note of section.notes) yield* [escapeMarkdown(note), ''];
  if (section.hasLegend) {
    yield* CELL_STATES.map((s) => `- ${STATE_SYMBOL[s]} ${STATE_LABEL[s]}: ${STATE_MEANING[s]}`);
    yield '';
  }
  if (section.narrative) yield* narrativeMarkdownLines(section.narrative, report, format);
  for (const table of section.tables) if (!table.isDataOnly) yield* tableMarkdownLines(table, format);
}

/**
 * The report as Markdown in parts of at most `partChars` characters, made as they are read: the
 * title, notice and facts, then each section line by line, so a large report is written to its
 * file without the whole document in memory. The parts joined are renderReportMarkdown's document:
 * lines joined by newlines, trailing white space dropped, one final newline.
 */
export function* reportMarkdownParts(report: YearReport, partChars = PART_CHARS): Generator<string> {
  // White space at the very end is held back until text follows it.
  let heldBack = '';
  for (const part of inParts(documentLines(report), partChars)) {
    const trimmed = part.trimEnd();
    if (trimmed.length === 0) heldBack += part;
    else {
      yield `${heldBack}${trimmed}`;
      heldBack = part.slice(trimmed.length);
    }
  }
  yield '\n';
}

/** Every line of the document, each but the first after its newline. */
function* documentLines(report: YearReport): Generator<string> {
  const format = createFormatter(report.timeZone);
  const notice = reportNotice(report);
  const head = [`# ${escapeMarkdown(reportTitle(report))}`, ''];
  if (notice !== null) head.push(`> **${escapeMarkdown(notice)}**`, '');
  appendAll(
    head,
    reportFacts(report, format).map(([k, v]) => `- **${escapeMarkdown(k)}:** ${escapeMarkdown(v)}`),
  );
  head.push('');
  let first = true;
  const lines = function* (): Generator<string> {
    yield* head;
    for (const [i, section] of reportSections(report, format, { dataTables: false }).entries()) yield* sectionLines(section, i, report, format);
  };
  for (const line of lines()) {
    yield first ? line : `\n${line}`;
    first = false;
  }
}

/**
 * The report as Markdown (GitHub-flavoured tables), with the same figures and texts as the HTML
 * report. No HTML and no entities: text is backslash-escaped (see escapeMarkdown). Pure.
 */
export function renderReportMarkdown(report: YearReport): string {
  return [...reportMarkdownParts(report)].join('');
}
