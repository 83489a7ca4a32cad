import { REPORT } from '../domain/glossary-report.js';
import { CSV_BOM, CSV_SEPARATOR, csvField, periodCsvRows } from './csv.js';
import { createFormatter } from './format.js';
import { html, trusted } from './html/escape.js';
import { tableHtml, textWithDates } from './html/parts.js';
import { REPORT_CSS } from './html/styles.js';
import { focusAreaLabel } from './labels.js';
import { tableMarkdown } from './markdown.js';
import { escapeMarkdown } from './rich-text-format.js';
import type { PeriodReport } from './period.js';
import { periodProjectsTable, trendTables } from './period-tables.js';
import type { ReportTable } from './cells.js';
import { addRow, addTableSheet, sheetName, writeWorkbook } from './xlsx.js';
import { appendAll, maxOf } from './lists.js';

/** The period report in each format. Pure except the workbook's bytes (async). */

const FACTS = REPORT.document.facts;

function title(period: PeriodReport): string {
  return REPORT.document.periodTitle(period.years[0] ?? 0, period.years.at(-1) ?? 0);
}

/** "2020: Ofullständig sammanställning. …": an incomplete year's own first-page notice, with its year. */
function noticeText(notice: PeriodReport['notices'][number]): string {
  return `${notice.year}: ${notice.text}`;
}

function tables(period: PeriodReport): ReportTable[] {
  return [...trendTables(period), periodProjectsTable(period)];
}

/** Grouped bars: per focus area one bar per year of the share delivered (0–100 %). */
function trendChart(period: PeriodReport): ReturnType<typeof html> {
  const format = createFormatter(period.timeZone);
  const rowHeight = 22 + period.years.length * 16;
  const width = 720;
  const fills = ['#56B4E9', '#0072B2', '#009E73', '#E69F00', '#CC79A7', '#D55E00'];
  const rows = period.trend.map((row, i) => {
    const y = i * rowHeight;
    const bars = row.points.map((p, j) => {
      const w = ((p.share ?? 0) / 100) * (width - 220);
      const by = y + 18 + j * 16;
      return html`<rect x="160" y="${by}" width="${w.toFixed(1)}" height="13" fill="${fills[j % fills.length] ?? '#000'}"><title>${p.year}: ${format.percent(p.share)}</title></rect><text class="value" x="${(164 + w).toFixed(1)}" y="${by + 11}">${p.year}: ${format.percent(p.share)}</text>`;
    });
    return html`<g><text class="label" x="0" y="${y + 13}">${focusAreaLabel(row.focusArea)}</text>${bars}</g>`;
  });
  const height = period.trend.length * rowHeight + 4;
  return html`<figure class="chart"><svg id="diagram-trend" role="img" aria-labelledby="diagram-trend-title" viewBox="0 0 ${width} ${height}" width="100%"><title id="diagram-trend-title">${REPORT.charts.trendTitle}</title>${rows}</svg></figure>`;
}

/** The period report as one self-contained HTML document. */
export function renderPeriodHtml(period: PeriodReport): string {
  const format = createFormatter(period.timeZone);
  const body = tables(period).map((table) => tableHtml(table, format));
  return html`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title(period)} – ${period.programme.name}</title><link rel="icon" href="data:,"><style>${trusted(REPORT_CSS)}</style></head>
<body><div class="page"><header><p class="kicker">${REPORT.document.periodKicker}</p><h1>${title(period)}</h1><p class="programme">${period.programme.name}</p>
${period.notices.length === 0 ? '' : html`<div class="notice" role="alert">${period.notices.map((notice) => html`<p><strong>${noticeText(notice)}</strong></p>`)}</div>`}
<dl class="facts"><dt>${FACTS.asOf}</dt><dd>${textWithDates(`${format.dateTime(period.asOf)} (${period.timeZone})`)}</dd><dt>${FACTS.generatedAt}</dt><dd>${textWithDates(format.dateTime(period.generatedAt))}</dd></dl></header>
<main><section id="avsnitt-trend"><h2>${REPORT.period.trendHeading}</h2><p>${REPORT.period.trendIntro}</p>${trendChart(period)}${body}</section></main></div></body></html>
`.value;
}

/** The period report as CSV for Swedish Excel (see src/report/csv.ts). */
export function renderPeriodCsv(period: PeriodReport): string {
  const format = createFormatter(period.timeZone);
  const notices = period.notices.map((notice) => [csvField(noticeText(notice))]);
  const rows: string[][] = [[csvField(title(period))], ...notices, [csvField(FACTS.programme), csvField(period.programme.name)], [], ...tables(period).flatMap((t) => periodCsvRows(t, format))];
  const width = maxOf(rows.map((row) => row.length));
  return `${CSV_BOM}${rows.map((row) => [...row, ...Array<string>(width - row.length).fill('')].join(CSV_SEPARATOR)).join('\r\n')}\r\n`;
}

/** The period report as Markdown. */
export function renderPeriodMarkdown(period: PeriodReport): string {
  const format = createFormatter(period.timeZone);
  const notices = period.notices.flatMap((notice) => [`> **${escapeMarkdown(noticeText(notice))}**`, '']);
  const lines = [
    `# ${escapeMarkdown(title(period))}`,
    '',
    ...notices,
    `- **${FACTS.programme}:** ${escapeMarkdown(period.programme.name)}`,
    `- **${FACTS.asOf}:** ${format.dateTime(period.asOf)}`,
    '',
  ];
  for (const table of tables(period)) appendAll(lines, tableMarkdown(table, format));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The period report as a workbook: one sheet per table. */
export async function renderPeriodXlsx(period: PeriodReport): Promise<Buffer> {
  const format = createFormatter(period.timeZone);
  return writeWorkbook(async (book, pause) => {
    const taken = new Set<string>();
    if (period.notices.length > 0) {
      const about = book.addWorksheet(sheetName(REPORT.document.aboutSheet, taken));
      about.getColumn(1).width = 120;
      addRow(about, [title(period)], { bold: true, size: 14 });
      for (const notice of period.notices) addRow(about, [noticeText(notice)], { bold: true, color: { argb: 'FF8C2100' } });
      about.commit();
    }
    for (const table of tables(period)) await addTableSheet(book, table, format, taken, pause);
  }, period.generatedAt);
}
