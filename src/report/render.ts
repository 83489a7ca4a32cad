import { renderReportCsv, reportCsvParts } from './csv.js';
import { renderReportHtml, reportHtmlParts } from './html/document.js';
import { renderReportMarkdown, reportMarkdownParts } from './markdown.js';
import { PART_CHARS } from './lists.js';
import type { YearReport } from './model.js';

/** The report formats. */
export const REPORT_FORMATS = ['html', 'csv', 'md'] as const;
/** `html`, `csv` or `md`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Content type of each format (UTF-8). */
export const REPORT_CONTENT_TYPE: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The report in one format. Pure. */
export function renderReport(report: YearReport, format: ReportFormat): string {
  if (format === 'html') return renderReportHtml(report);
  if (format === 'csv') return renderReportCsv(report);
  return renderReportMarkdown(report);
}

/**
 * The report in one format, in parts of at most `partChars` characters made as they are read (a
 * table row by row, the follow-ups activity by activity; one long text can make a longer part),
 * so a large report is written to its file without the whole document in memory. The parts joined
 * are renderReport's document. Pure.
 */
export function renderReportParts(report: YearReport, format: ReportFormat, partChars = PART_CHARS): Generator<string> {
  if (format === 'html') return reportHtmlParts(report, partChars);
  if (format === 'csv') return reportCsvParts(report, partChars);
  return reportMarkdownParts(report, partChars);
}

/** File name of the report in one format, e.g. `arsrapport-2020.html`. */
export function reportFileName(year: number, format: ReportFormat): string {
  return `arsrapport-${year}.${format}`;
}
