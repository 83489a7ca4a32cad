import { createFormatter } from '../../report/format.js';
import { html, trusted, type SafeHtml } from '../../report/html/escape.js';
import { REPORT_CSS } from '../../report/html/styles.js';
import type { StatusPageModel } from './model.js';
import { PAGE } from '../../domain/glossary.js';
import { RERUN_SCRIPT } from './script.js';
import { matrixHtml, queuesHtml, tilesHtml, unitsHtml } from './sections.js';
import { PAGE_CSS } from './styles.js';
import { YEARS } from '../../shared/years.js';

/** The page shell shared by the status and login pages: inline style (nonce), no external resources. */
export function pageShell(input: { title: string; nonce: string; head?: SafeHtml; bar: SafeHtml; body: SafeHtml; script?: string }): string {
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<link rel="icon" href="data:,">
${input.head ?? ''}<style nonce="${input.nonce}">${trusted(REPORT_CSS)}${trusted(PAGE_CSS)}</style>
</head>
<body>
<a class="skip" href="#innehall">${PAGE.skipLink}</a>
<header class="bar"><div class="page">${input.bar}</div></header>
<main id="innehall" class="page" tabindex="-1">${input.body}</main>
${input.script ? html`<script nonce="${input.nonce}">${trusted(input.script)}</script>` : ''}
</body>
</html>
`.value;
}

function barHtml(model: StatusPageModel): SafeHtml {
  const logout = model.canLogOut ? html`<li><form method="post" action="/logout"><button type="submit" class="link">${PAGE.logOut}</button></form></li>` : '';
  return html`<h1>${PAGE.heading}</h1><span>${model.tenantName}</span>
<nav aria-label="${PAGE.links}"><ul>
<li><a href="/report?year=${model.year}&amp;format=html">${PAGE.yearReport(model.year, 'HTML')}</a></li>
<li><a href="/report?year=${model.year}&amp;format=csv">${PAGE.yearReport(model.year, 'CSV')}</a></li>
<li><a href="/admin/queues">${PAGE.queueBoard}</a></li>${logout}
</ul></nav>`;
}

function yearForm(model: StatusPageModel): SafeHtml {
  return html`<form class="year-form" method="get" action="/"><label for="year">${PAGE.reportedYear}</label>
<input id="year" name="year" type="number" min="${YEARS.min}" max="${YEARS.max}" value="${model.year}" required>
<button type="submit" class="btn">${PAGE.show}</button>
<a href="/?year=${model.year - 1}">← ${model.year - 1}</a><a href="/?year=${model.year + 1}">${model.year + 1} →</a></form>`;
}

/**
 * The status page (Swedish, server-rendered, one small inline script for the re-run buttons):
 * tiles for the last nightly run, the reports of the year and the queues; the unit × focus-area
 * matrix; each unit's last import with a re-run button; job counts per queue. Pure.
 */
export function renderStatusPage(model: StatusPageModel): string {
  const format = createFormatter(model.timeZone);
  const asOf = model.report ? html`<p class="note">${PAGE.reportAsOf(format.dateTime(model.report.asOf))}</p>` : '';
  const body = html`<p class="note">${PAGE.pageTime(format.dateTime(model.now), model.timeZone)}</p>
${tilesHtml(model, format)}
<section aria-labelledby="rubrik-lage"><h2 id="rubrik-lage">${PAGE.statusHeading(model.year)}</h2>${asOf}${yearForm(model)}${matrixHtml(model)}</section>
<section aria-labelledby="rubrik-enheter"><h2 id="rubrik-enheter">${PAGE.importsHeading}</h2>
<p>${PAGE.importsIntro(model.year)}</p>${unitsHtml(model, format)}</section>
<section aria-labelledby="rubrik-koer"><h2 id="rubrik-koer">${PAGE.queuesHeading}</h2>${queuesHtml(model)}<p><a href="/admin/queues">${PAGE.openBoard}</a> ${PAGE.queuesNote}</p></section>`;
  return pageShell({
    title: PAGE.title(model.year),
    nonce: model.nonce,
    head: html`<meta name="csrf-token" content="${model.csrfToken}">\n`,
    bar: barHtml(model),
    body,
    script: RERUN_SCRIPT,
  });
}
