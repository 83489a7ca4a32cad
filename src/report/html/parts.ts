import { REPORT } from '../../domain/glossary-report.js';
import type { Formatter } from '../format.js';
import { CELL_STATES, STATE_LABEL, STATE_MEANING, STATE_SYMBOL } from '../labels.js';
import type { CellState } from '../model-parts.js';
import { shownColumns, type Cell, type ReportTable } from '../cells.js';
import { html, type SafeHtml } from './escape.js';
import { parseRichText } from '../rich-text.js';
import { richTextHtml } from './rich-text.js';

/** A state as symbol and word (the symbol hidden from screen readers, which read the word). */
export function stateBadge(state: CellState): SafeHtml {
  // "Inget krav" is the common case in the overview: its word is for screen readers only, to keep the table calm.
  const word = state === 'not-owed' ? html`<span class="visually-hidden">${STATE_LABEL[state]}</span>` : html` ${STATE_LABEL[state]}`;
  return html`<span class="state state-${state}"><span aria-hidden="true">${STATE_SYMBOL[state]}</span>${word}</span>`;
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?/g;

/**
 * Text with every `yyyy-MM-dd` (and `yyyy-MM-dd HH:mm`) kept on one line: a date's hyphens are
 * break opportunities, and a date split over two lines misreads as two values.
 */
export function textWithDates(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const match of text.matchAll(ISO_DATE)) {
    parts.push(html`${text.slice(at, match.index)}<span class="date">${match[0]}</span>`);
    at = match.index + match[0].length;
  }
  return html`${parts}${text.slice(at)}`;
}

/** The formatted content of one cell. */
export function cellContent(cell: Cell, format: Formatter): SafeHtml {
  switch (cell.kind) {
    case 'text':
      return cell.href ? html`<a href="${cell.href}" rel="noopener noreferrer nofollow">${cell.text}</a>` : textWithDates(cell.text);
    case 'count':
      return html`${cell.value === null ? '' : format.integer(cell.value)}`;
    case 'sek':
      return html`${format.sek(cell.value)}`;
    case 'percent':
      return html`${format.percent(cell.value)}`;
    case 'instant':
      return html`${format.dateTime(cell.value)}`;
    case 'state':
      return stateBadge(cell.state);
    case 'link':
      return cell.href === null ? html`–` : html`<a href="${cell.href}" rel="noopener noreferrer nofollow">${cell.text}</a>`;
    case 'rich':
      return html`<div class="text">${richTextHtml(parseRichText(cell.html))}</div>`;
  }
}

function cellClass(cell: Cell): string | null {
  if (cell.kind === 'count' || cell.kind === 'sek' || cell.kind === 'percent') return 'num';
  if (cell.kind === 'instant') return 'date';
  if (cell.kind === 'link') return 'nowrap';
  return null;
}

function rowHtml(row: Cell[], format: Formatter): SafeHtml {
  return html`<tr>${row.map((cell, i) => {
    const cls = cellClass(cell);
    return i === 0 ? html`<th scope="row"${cls ? html` class="${cls}"` : ''}>${cellContent(cell, format)}</th>` : html`<td${cls ? html` class="${cls}"` : ''}>${cellContent(cell, format)}</td>`;
  })}</tr>`;
}

/** A table with caption, column headers, row headers (first column) and a totals foot. */
export function tableHtml(table: ReportTable, format: Formatter, extraClass = ''): SafeHtml {
  return html`${[...tableHtmlPieces(table, format, extraClass)]}`;
}

/** tableHtml in pieces, made as they are read: the opening with caption and header, each row, the end with the totals. */
export function* tableHtmlPieces(table: ReportTable, format: Formatter, extraClass = ''): Generator<SafeHtml> {
  if (extraClass === 'matrix') {
    // Wide: scrollable on screen, keyboard-reachable (a focusable, labelled region).
    yield html`<div class="scroll" role="region" tabindex="0" aria-label="${table.caption}">`;
    yield* plainTablePieces(table, format, extraClass);
    yield html`</div>`;
    return;
  }
  yield* plainTablePieces(table, format, extraClass);
}

function* plainTablePieces(table: ReportTable, format: Formatter, extraClass: string): Generator<SafeHtml> {
  // The overview's state columns carry their label turned a quarter, so any number of focus areas fits the width.
  const { columns, cells } = shownColumns(table);
  const rows = Array.from(table.rows, cells);
  const isTurned = (i: number) => extraClass === 'matrix' && rows.some((row) => row[i]?.kind === 'state');
  const label = (text: string, i: number) => (isTurned(i) ? html`<span class="turned">${text}</span>` : html`${text}`);
  const head = html`<thead><tr>${columns.map((c, i) => html`<th scope="col"${c.isNumeric ? html` class="num"` : ''}>${label(c.label, i)}</th>`)}</tr></thead>`;
  const foot = table.foot.length === 0 ? '' : html`<tfoot>${table.foot.map((row) => rowHtml(cells(row), format))}</tfoot>`;
  const classes = [extraClass, table.layout ? `layout-${table.layout}` : ''].filter((c) => c !== '').join(' ');
  yield html`<table id="${table.id}"${classes ? html` class="${classes}"` : ''}><caption>${table.caption}</caption>${head}<tbody>`;
  if (rows.length === 0) yield html`<tr><td colspan="${columns.length}">${table.empty}</td></tr>`;
  for (const row of rows) yield rowHtml(row, format);
  yield html`</tbody>${foot}</table>`;
}

/** The legend of the state symbols. */
export function legendHtml(states: readonly CellState[] = CELL_STATES): SafeHtml {
  const item = (state: CellState) => html`<li><span class="state state-${state}"><span aria-hidden="true">${STATE_SYMBOL[state]}</span> ${STATE_LABEL[state]}</span> ${STATE_MEANING[state]}</li>`;
  return html`<ul class="legend" aria-label="${REPORT.document.legend}">${states.map(item)}</ul>`;
}
