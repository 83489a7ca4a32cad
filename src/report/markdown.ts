import { createFormatter, type Formatter } from './format.js';
import { CELL_STATES, STATE_LABEL, STATE_MEANING, STATE_SYMBOL } from './labels.js';
import { narrativeMarkdown } from './markdown-narrative.js';
import type { YearReport } from './model.js';
import { escapeMarkdown, richTextToPlain } from './rich-text-format.js';
import { reportFacts, reportNotice, reportSections, reportTitle } from './tables.js';
import { shownColumns, type Cell, type ReportSection, type ReportTable } from './cells.js';
import { appendAll } from './lists.js';

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
      return escapeMarkdown(richTextToPlain(cell.value));
  }
}

/** A table as Markdown lines: bold caption, header, rows, bold totals. */
export function tableMarkdown(table: ReportTable, format: Formatter): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const { columns, cells } = shownColumns(table);
  const lines = [`**${escapeMarkdown(table.caption)}**`, '', line(columns.map((c) => escapeMarkdown(c.label))), line(columns.map((c) => (c.isNumeric ? '---:' : '---')))];
  if (table.rows.length === 0) lines.push(line([escapeMarkdown(table.empty), ...columns.slice(1).map(() => '')]));
  for (const row of table.rows) lines.push(line(cells(row).map((cell) => cellText(cell, format))));
  for (const row of table.foot) lines.push(line(cells(row).map((cell, i) => (i === 0 ? `**${cellText(cell, format)}**` : cellText(cell, format)))));
  return [...lines, ''];
}

function sectionMarkdown(section: ReportSection, index: number, report: YearReport, format: Formatter): string[] {
  const lines = [`## ${index + 1}. ${escapeMarkdown(section.heading)}`, ''];
  for (const note of section.notes) lines.push(escapeMarkdown(note), '');
  if (section.hasLegend) {
    lines.push(...CELL_STATES.map((s) => `- ${STATE_SYMBOL[s]} ${STATE_LABEL[s]}: ${STATE_MEANING[s]}`), '');
  }
  if (section.narrative) appendAll(lines, narrativeMarkdown(section.narrative, report, format));
  for (const table of section.tables) if (!table.isDataOnly) appendAll(lines, tableMarkdown(table, format));
  return lines;
}

/** Lines per part when a long section is written. */
const LINES_PER_PART = 2_000;

/**
 * The report as Markdown in parts made as they are read: the title, notice and facts, then each
 * section a few thousand lines at a time, so a large report is written to its file without the
 * whole document in memory. The parts joined are renderReportMarkdown's document: lines joined by
 * newlines, trailing white space dropped, one final newline.
 */
export function* reportMarkdownParts(report: YearReport): Generator<string> {
  const format = createFormatter(report.timeZone);
  const notice = reportNotice(report);
  const head = [`# ${escapeMarkdown(reportTitle(report))}`, ''];
  if (notice !== null) head.push(`> **${escapeMarkdown(notice)}**`, '');
  appendAll(
    head,
    reportFacts(report, format).map(([k, v]) => `- **${escapeMarkdown(k)}:** ${escapeMarkdown(v)}`),
  );
  head.push('');
  function* lineGroups(): Generator<string[]> {
    yield head;
    for (const [i, section] of reportSections(report, format).entries()) {
      const lines = sectionMarkdown(section, i, report, format);
      for (let from = 0; from < lines.length; from += LINES_PER_PART) yield lines.slice(from, from + LINES_PER_PART);
    }
  }
  // Joined by newlines across groups too; white space at the very end is held back until text follows it.
  let first = true;
  let heldBack = '';
  for (const group of lineGroups()) {
    const text = `${first ? '' : '\n'}${group.join('\n')}`;
    first = false;
    const trimmed = text.trimEnd();
    if (trimmed.length === 0) heldBack += text;
    else {
      yield `${heldBack}${trimmed}`;
      heldBack = text.slice(trimmed.length);
    }
  }
  yield '\n';
}

/**
 * The report as Markdown (GitHub-flavoured tables), with the same figures and texts as the HTML
 * report. No HTML and no entities: text is backslash-escaped (see escapeMarkdown). Pure.
 */
export function renderReportMarkdown(report: YearReport): string {
  return [...reportMarkdownParts(report)].join('');
}
