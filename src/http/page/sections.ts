import { createFormatter, type Formatter } from '../../report/format.js';
import { html, type SafeHtml } from '../../report/html/escape.js';
import { legendHtml, tableHtml } from '../../report/html/parts.js';
import { matrixTable } from '../../report/tables-deliveries.js';
import type { RunStatus } from '../../store/status-store.js';
import { PAGE } from '../../domain/glossary.js';
import { importErrorText, NIGHTLY_MAX_AGE_HOURS, QUEUE_LABEL, QUEUE_STATE_LABEL, RUN_KIND, RUN_OUTCOME, UNIT_OUTCOME } from './labels.js';
import { QUEUE_STATES, type StatusPageModel, type UnitRow } from './model.js';

/** A status word with its symbol, coloured like the report state it borrows. */
function badge([label, state]: [string, string]): SafeHtml {
  return html`<span class="state state-${state}">${label}</span>`;
}

function runTile(title: string, run: RunStatus | null, format: Formatter, unitName: (id: string) => string): SafeHtml {
  if (!run) return html`<section class="tile"><h2>${title}</h2><p class="big">${badge(RUN_OUTCOME.none)}</p></section>`;
  const failed = run.failedUnitIds.length > 0 ? html`<p>${PAGE.failedUnits(run.failedUnitIds.map(unitName).join(', '))}</p>` : '';
  return html`<section class="tile"><h2>${title}</h2><p class="big">${badge(RUN_OUTCOME[run.outcome])}</p>
<p>${format.dateTime(run.finishedAt)} · ${PAGE.runLine(RUN_KIND[run.kind], run.year)}</p>
<p>${PAGE.runCounts(run.units, run.written, run.unchanged, run.heldBack)}</p>${failed}${reportLine(run)}</section>`;
}

/** The run's report files: written, being written, superseded or failed (with the reason). */
function reportLine(run: RunStatus): SafeHtml | '' {
  if (!run.report) return '';
  const { state, message } = run.report;
  const mark = state === 'written' ? '✓' : state === 'failed' ? '✗' : state === 'superseded' ? '–' : '…';
  return html`<p class="run-report" data-report-state="${state}">${mark} ${PAGE.runReport[state]}${message ? html`: <span class="error-text">${message}</span>` : ''}</p>`;
}

/** The tiles at the top: last nightly run, last success, reports of the year, queues. */
export function tilesHtml(model: StatusPageModel, format: Formatter): SafeHtml {
  const names = new Map(model.units.map((unit) => [unit.unitId, unit.unitName]));
  const unitName = (id: string) => names.get(id) ?? id;
  const ageHours = model.lastNightlySuccess ? (Date.parse(model.now) - Date.parse(model.lastNightlySuccess)) / 3_600_000 : null;
  const fresh: [string, string] = ageHours === null ? [PAGE.noneYet, 'not-owed'] : ageHours > NIGHTLY_MAX_AGE_HOURS ? [PAGE.olderThan(NIGHTLY_MAX_AGE_HOURS), 'late'] : [PAGE.current, 'on-time'];
  const total = model.report?.total;
  const reports = total
    ? html`<p class="big">${badge(total.missing > 0 ? [PAGE.missingCount(total.missing), 'missing'] : [PAGE.noneMissing, 'on-time'])}</p><p>${PAGE.deliveredOf(total.onTime + total.late, total.expected, format.percent(total.shareDelivered))}${total.unknown > 0 ? PAGE.unknownCount(total.unknown) : ''}</p>`
    : html`<p>${model.reportProblem ?? ''}</p>`;
  const failedJobs = model.queues.reduce((sum, q) => sum + q.counts.failed, 0);
  const busy = model.queues.reduce((sum, q) => sum + q.counts.waiting + q.counts.active, 0);
  const delayed = model.queues.reduce((sum, q) => sum + q.counts.delayed, 0);
  return html`<div class="tiles">${runTile(PAGE.lastNightly, model.lastNightly, format, unitName)}
<section class="tile"><h2>${PAGE.lastNightlySuccess}</h2><p class="big">${badge(fresh)}</p><p>${format.dateTime(model.lastNightlySuccess)}</p></section>
<section class="tile"><h2>${PAGE.reportsOf(model.year)}</h2>${reports}</section>
<section class="tile"><h2>${PAGE.queues}</h2><p class="big">${badge([PAGE.failedJobs(failedJobs), failedJobs > 0 ? 'late' : 'on-time'])}</p><p>${PAGE.busyJobs(busy, delayed)}</p></section>
${model.lastRun && model.lastRun !== model.lastNightly ? runTile(PAGE.lastRun, model.lastRun, format, unitName) : ''}</div>`;
}

function unitRowHtml(row: UnitRow, index: number, model: StatusPageModel, format: Formatter): SafeHtml {
  const s = row.status;
  const outputId = `rerun-${index}`;
  const url = `/departments/${encodeURIComponent(row.unitId)}/rerun?year=${model.year}`;
  const error = importErrorText(s?.error ?? null);
  return html`<tr><th scope="row">${row.unitName}</th>
<td class="when">${format.dateTime(s?.at ?? null)}</td><td>${badge(UNIT_OUTCOME[s?.outcome ?? 'none'])}</td><td class="when">${format.dateTime(s?.lastGoodPullAt ?? null)}</td>
<td class="num">${s?.requests ?? ''}</td><td class="error-text"${error ? html` title="${error.detail}"` : ''}>${error?.text ?? ''}</td>
<td><button type="button" class="btn" data-rerun-url="${url}" aria-describedby="${outputId}">${PAGE.rerun}<span class="visually-hidden">${PAGE.rerunFor(row.unitName)}</span></button><span class="outcome" id="${outputId}" role="status" aria-live="polite"></span></td></tr>`;
}

/** Each unit's last import and its re-run button. */
export function unitsHtml(model: StatusPageModel, format: Formatter): SafeHtml {
  const rows = model.units.length === 0 ? html`<tr><td colspan="7">${PAGE.noUnits}</td></tr>` : model.units.map((row, i) => unitRowHtml(row, i, model, format));
  const head = PAGE.unitColumns.map((label, i) => html`<th scope="col"${i === 4 ? html` class="num"` : ''}>${label}</th>`);
  return html`<table id="enheter"><caption>${PAGE.unitsCaption}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** The unit × focus-area matrix for the chosen year, with its legend. */
export function matrixHtml(model: StatusPageModel): SafeHtml {
  if (!model.report) return html`<p class="problem">${model.reportProblem ?? ''}</p>`;
  return html`${legendHtml()}${tableHtml(matrixTable(model.report), createFormatter(model.timeZone), 'matrix')}`;
}

/** Job counts per queue and state. */
export function queuesHtml(model: StatusPageModel): SafeHtml {
  const head = html`<tr><th scope="col">${PAGE.queueColumn}</th>${QUEUE_STATES.map((s) => html`<th scope="col" class="num">${QUEUE_STATE_LABEL[s]}</th>`)}</tr>`;
  const rows = model.queues.map(
    (q) =>
      html`<tr><th scope="row">${QUEUE_LABEL[q.name]}${q.isPaused ? html` <span class="state state-late">${PAGE.paused}</span>` : ''}</th>${QUEUE_STATES.map((s) => {
        const n = q.counts[s];
        return s === 'failed' && n > 0 ? html`<td class="num"><span class="state state-missing">✗ ${n}</span></td>` : html`<td class="num">${n}</td>`;
      })}</tr>`,
  );
  return html`<table id="koer"><caption>${PAGE.queuesCaption}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}
