import { REPORT } from '../../domain/glossary-report.js';
import { createFormatter, type Formatter } from '../format.js';
import type { YearReport } from '../model.js';
import { reportFacts, reportNotice, reportSections, reportTitle } from '../tables.js';
import { inParts, PART_CHARS } from '../lists.js';
import type { ReportSection } from '../cells.js';
import { focusAreaLabel } from '../labels.js';
import { deliveryChart, fundsChart } from './charts.js';
import { html, trusted, type SafeHtml } from './escape.js';
import { narrativeHtmlParts } from './narrative.js';
import { legendHtml, tableHtmlPieces, textWithDates } from './parts.js';
import { REPORT_CSS } from './styles.js';

function chartFor(section: ReportSection, report: YearReport, format: Formatter): SafeHtml | '' {
  if (section.chart === 'deliveries') {
    return deliveryChart(
      'diagram-rapportering',
      report.actionPlan.map((group) => ({ label: focusAreaLabel(group.focusArea), summary: group.summary })),
      format,
    );
  }
  if (section.chart === 'funds') return fundsChart('diagram-medel', report.funds.byFocusArea, format);
  return '';
}

/** A section's HTML in pieces: its heading, notes and chart, each table row by row, each piece of its narrative, its end. */
function* sectionPieces(section: ReportSection, index: number, report: YearReport, format: Formatter): Generator<string> {
  const notes = section.notes.length === 0 ? '' : html`<ul class="notes">${section.notes.map((note) => html`<li>${textWithDates(note)}</li>`)}</ul>`;
  const major = index > 0 && section.chart ? html` class="major"` : '';
  yield html`<section id="avsnitt-${section.id}"${major} aria-labelledby="avsnitt-${section.id}-rubrik">
<h2 id="avsnitt-${section.id}-rubrik">${index + 1}. ${section.heading}</h2>${notes}${chartFor(section, report, format)}${section.hasLegend ? legendHtml() : ''}`.value;
  for (const table of section.tables) if (!table.isDataOnly) for (const piece of tableHtmlPieces(table, format, section.hasLegend ? 'matrix' : '')) yield piece.value;
  if (section.narrative) for (const piece of narrativeHtmlParts(section.narrative, report, format)) yield piece === '' ? '' : piece.value;
  yield '</section>';
}

/**
 * The yearly compilation as one self-contained HTML document (Swedish; inline CSS and SVG; no
 * scripts, fonts or other external resources; print style for A4). Every text from Stratsys is
 * escaped. Pure.
 */
export function renderReportHtml(report: YearReport): string {
  return [...reportHtmlParts(report)].join('');
}

/**
 * The same document in parts of at most `partChars` characters (one long text can make a longer
 * part), each made when it is asked for: the head, then each section piece by piece (a table row,
 * an activity's follow-up), the foot. Written part by part, a large report's document is never
 * whole in memory. Pure.
 */
export function reportHtmlParts(report: YearReport, partChars = PART_CHARS): Generator<string> {
  return inParts(documentPieces(report), partChars);
}

function* documentPieces(report: YearReport): Generator<string> {
  const format = createFormatter(report.timeZone);
  const sections = reportSections(report, format, { dataTables: false });
  const title = reportTitle(report);
  const facts = reportFacts(report, format);
  const notice = reportNotice(report);
  yield html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="stratsys-sync">
<title>${title} – ${report.programme.name}</title>
<link rel="icon" href="data:,">
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
<div class="page">
<header>
<p class="kicker">${REPORT.document.kicker}</p>
<h1>${title}</h1>
<p class="programme">${report.programme.name}</p>
${notice === null ? '' : html`<div class="notice" role="alert"><p><strong>${notice}</strong></p></div>`}
<dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${textWithDates(value)}</dd>`)}</dl>
</header>
<main>
<nav class="toc" aria-labelledby="innehall"><h2 id="innehall">${REPORT.document.contents}</h2><ol>${sections.map((s) => html`<li><a href="#avsnitt-${s.id}">${s.heading}</a></li>`)}</ol></nav>
`.value;
  for (const [i, section] of sections.entries()) yield* sectionPieces(section, i, report, format);
  yield html`
</main>
<footer class="doc-foot"><p>${REPORT.document.footer(report.programme.id)}</p></footer>
</div>
</body>
</html>
`.value;
}
