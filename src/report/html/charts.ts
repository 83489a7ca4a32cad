import type { ReportSummary } from '../../domain/evaluation.js';
import { FINANCIER } from '../../domain/glossary.js';
import { REPORT } from '../../domain/glossary-report.js';
import type { Formatter } from '../format.js';
import { STATE_LABEL, STATE_SYMBOL } from '../labels.js';
import type { FundsRow } from '../model-parts.js';
import { html, type SafeHtml } from './escape.js';
import { maxOf } from '../lists.js';

/**
 * Inline SVG bar charts (no scripts, no external resources). Colours are the Okabe–Ito palette;
 * missing and unknown segments are also hatched/dotted and every segment wide enough carries its
 * symbol and count, so the charts read without colour. The same figures are in the tables.
 */

const WIDTH = 720;
const ROW = 48;
const BAR_Y = 22;
const BAR_H = 18;

/** One part of a stacked bar: `short` is drawn inside when it fits, `label` is its tooltip. */
type Segment = { value: number; fill: string; short: string; label: string; isDark?: boolean };

/** Pattern definitions, ids prefixed per chart so two charts in one page never clash. */
function patterns(id: string): SafeHtml {
  return html`<defs>
<pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#D55E00"/><rect width="2" height="6" fill="#ffffff" fill-opacity="0.45"/></pattern>
<pattern id="${id}-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#bbbbbb"/><circle cx="3" cy="3" r="1.2" fill="#555555"/></pattern>
<pattern id="${id}-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#56B4E9"/><rect width="2" height="6" fill="#ffffff" fill-opacity="0.5"/></pattern>
</defs>`;
}

function bar(segments: Segment[], y: number, scale: number): SafeHtml[] {
  let x = 0;
  return segments.flatMap((segment) => {
    if (segment.value <= 0) return [];
    const width = segment.value * scale;
    const rect = html`<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR_H}" fill="${segment.fill}" stroke="#ffffff" stroke-width="1"><title>${segment.label}</title></rect>`;
    const fits = width >= segment.short.length * 7 + 6;
    const label = fits ? html`<text class="${segment.isDark ? 'seg light' : 'seg'}" x="${(x + width / 2).toFixed(1)}" y="${y + 13}" text-anchor="middle">${segment.short}</text>` : html``;
    x += width;
    return [rect, label];
  });
}

/** One chart row: the label left and the figures right on the first line, the bar below. */
function chartRow(index: number, label: string, figures: string, segments: SafeHtml[]): SafeHtml {
  const y = index * ROW + 15;
  return html`<g><text class="label" x="0" y="${y}">${label}</text><text class="value" x="${WIDTH}" y="${y}" text-anchor="end">${figures}</text>${segments}</g>`;
}

function frame(id: string, title: string, desc: string, rows: number, body: SafeHtml[]): SafeHtml {
  const height = rows * ROW + 4;
  return html`<figure class="chart"><svg id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">
<title id="${id}-title">${title}</title><desc id="${id}-desc">${desc}</desc>${patterns(id)}${body}</svg></figure>`;
}

/** Stacked bars per focus area: on time, late, missing, not yet due, unknown; "x av y levererade" beside. */
export function deliveryChart(id: string, rows: Array<{ label: string; summary: ReportSummary }>, format: Formatter): SafeHtml {
  const max = maxOf(
    rows.map((r) => r.summary.expected + r.summary.unknown),
    1,
  );
  const scale = WIDTH / max;
  const body = rows.map((row, i) => {
    const s = row.summary;
    const segment = (state: 'on-time' | 'late' | 'missing' | 'not-yet-due' | 'unknown', value: number, fill: string): Segment => ({
      value,
      fill,
      short: `${STATE_SYMBOL[state]} ${value}`,
      label: `${STATE_LABEL[state]}: ${value}`,
    });
    const segments = [
      segment('on-time', s.onTime, '#009E73'),
      segment('late', s.late, '#E69F00'),
      segment('missing', s.missing, `url(#${id}-hatch)`),
      segment('not-yet-due', s.notYetDue, `url(#${id}-stripes)`),
      segment('unknown', s.unknown, `url(#${id}-dots)`),
    ];
    const summary = REPORT.charts.delivered(s.onTime + s.late, s.expected, s.missing, format.percent(s.shareDelivered));
    return chartRow(i, row.label, summary, bar(segments, i * ROW + BAR_Y, scale));
  });
  return frame(id, REPORT.charts.deliveriesTitle, REPORT.charts.deliveriesDesc, rows.length, body);
}

/** Stacked bars of granted funds per focus area (EU, other international), amount in SEK beside. */
export function fundsChart(id: string, rows: FundsRow[], format: Formatter): SafeHtml {
  const max = maxOf(
    rows.map((r) => r.total),
    1,
  );
  const scale = WIDTH / max;
  const body = rows.map((row, i) => {
    const segments: Segment[] = [
      { value: row.eu, fill: '#0072B2', short: REPORT.charts.euShort, label: `${FINANCIER.eu}: ${format.sek(row.eu)}`, isDark: true },
      { value: row.international, fill: `url(#${id}-stripes)`, short: REPORT.charts.internationalShort, label: `${FINANCIER.international}: ${format.sek(row.international)}` },
    ];
    const value = `${format.sek(row.total)}${row.withoutAmount > 0 ? REPORT.charts.withoutAmount(row.withoutAmount) : ''}`;
    return chartRow(i, row.label, value, bar(segments, i * ROW + BAR_Y, scale));
  });
  return frame(id, REPORT.charts.fundsTitle, REPORT.charts.fundsDesc, rows.length, body);
}
