import { createFormatter, type Formatter } from './format.js';
import { CELL_STATES, STATE_LABEL, STATE_MEANING, STATE_SYMBOL } from './labels.js';
import type { YearReport } from './model.js';
import { reportFacts, reportSections, reportTitle, type Cell, type ReportSection, type ReportTable } from './tables.js';

/**
 * Markdown text: `& < >` become entities (renderers pass raw HTML through), Markdown's own
 * punctuation is backslash-escaped (and a leading `#`, `-`, `+` or `1.`), so a name from Stratsys
 * can neither inject HTML nor break a table. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  const escaped = flat.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\\`*_{}[\]|~]/g, '\\$&');
  // Only at the start do these make a heading, a list or a numbered list.
  return escaped.replace(/^([#+-])/, '\\$1').replace(/^(\d+)\./, '$1\\.');
}

function cellText(cell: Cell, format: Formatter): string {
  switch (cell.kind) {
    case 'text':
      return escapeMarkdown(cell.text);
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
  }
}

function tableMarkdown(table: ReportTable, format: Formatter): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [`**${escapeMarkdown(table.caption)}**`, '', line(table.columns.map((c) => escapeMarkdown(c.label))), line(table.columns.map((c) => (c.isNumeric ? '---:' : '---')))];
  if (table.rows.length === 0) lines.push(line([escapeMarkdown(table.empty), ...table.columns.slice(1).map(() => '')]));
  for (const row of table.rows) lines.push(line(row.map((cell) => cellText(cell, format))));
  for (const row of table.foot) lines.push(line(row.map((cell, i) => (i === 0 ? `**${cellText(cell, format)}**` : cellText(cell, format)))));
  return [...lines, ''];
}

function sectionMarkdown(section: ReportSection, index: number, format: Formatter): string[] {
  const lines = [`## ${index + 1}. ${escapeMarkdown(section.heading)}`, ''];
  for (const note of section.notes) lines.push(escapeMarkdown(note), '');
  if (section.hasLegend) {
    lines.push(...CELL_STATES.map((s) => `- ${STATE_SYMBOL[s]} ${STATE_LABEL[s]}: ${STATE_MEANING[s]}`), '');
  }
  for (const table of section.tables) lines.push(...tableMarkdown(table, format));
  return lines;
}

/** The report as Markdown (GitHub-flavoured tables), with the same figures as the HTML report. Pure. */
export function renderReportMarkdown(report: YearReport): string {
  const format = createFormatter(report.timeZone);
  const lines = [`# ${escapeMarkdown(reportTitle(report))}`, '', ...reportFacts(report, format).map(([k, v]) => `- **${escapeMarkdown(k)}:** ${escapeMarkdown(v)}`), ''];
  reportSections(report, format).forEach((section, i) => lines.push(...sectionMarkdown(section, i, format)));
  return `${lines.join('\n').trimEnd()}\n`;
}
