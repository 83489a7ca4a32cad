/**
 * The report's style sheet: system fonts only (nothing is fetched), state colours that always
 * come with a symbol and a word, and a print style for A4.
 */
export const REPORT_CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #c9d1d9; --alt: #f6f8fa; --accent: #0b4f79;
  --ok: #dafbe1; --ok-ink: #0f5323; --late: #fff0cc; --late-ink: #6b4200; --miss: #ffe1d9; --miss-ink: #8c2100;
  --due: #e1f0fb; --due-ink: #0b4f79; --unk: #e8e8e8; --unk-ink: #333333; --none-ink: #57606a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; }
.page { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.3rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
p { margin: 0.4rem 0 0.8rem; max-width: 75ch; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; color: var(--muted); margin: 0; }
.programme { font-size: 1.1rem; margin: 0 0 0.8rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.8rem 0; font-size: 0.92rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
#nyckeltal { width: auto; min-width: 60%; }
.toc ol { columns: 2; padding-left: 1.3rem; margin: 0.3rem 0; }
.notes { padding-left: 1.1rem; }
.notes li { margin: 0.2rem 0; max-width: 80ch; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1.2rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--alt); font-weight: bold; }
tbody th { font-weight: normal; }
tfoot th, tfoot td { font-weight: bold; background: var(--alt); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.state { display: inline-block; padding: 0 0.4rem; border-radius: 3px; white-space: nowrap; font-weight: bold; }
.state-on-time { background: var(--ok); color: var(--ok-ink); }
.state-late { background: var(--late); color: var(--late-ink); }
.state-missing { background: var(--miss); color: var(--miss-ink); border: 1px dashed var(--miss-ink); }
.state-not-yet-due { background: var(--due); color: var(--due-ink); }
.state-unknown { background: var(--unk); color: var(--unk-ink); border: 1px dotted var(--unk-ink); }
.state-not-owed { color: var(--none-ink); font-weight: normal; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.scroll { overflow-x: auto; }
.scroll:focus-visible { outline: 3px solid #ffbf47; }
.matrix { font-size: 0.82rem; }
.matrix td { text-align: center; padding: 0.25rem 0.3rem; }
.matrix td:first-of-type { text-align: left; }
.matrix th[scope=col] { font-size: 0.78rem; vertical-align: bottom; }
.matrix .turned { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); max-height: 11em; text-align: left; white-space: normal; }
.matrix .state { padding: 0 0.25rem; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; font-size: 0.85rem; }
.chart { margin: 0.6rem 0 1rem; }
.chart svg { display: block; width: 100%; max-width: 760px; height: auto; font-family: inherit; }
.chart .label { font-size: 13px; fill: var(--ink); }
.chart .value { font-size: 13px; fill: var(--muted); }
.chart .seg { font-size: 12px; font-weight: bold; fill: #000; }
.chart .seg.light { fill: #fff; }
.notice { border: 2px solid var(--miss-ink); background: var(--miss); color: var(--miss-ink); padding: 0.5rem 0.9rem; margin: 0.6rem 0 1rem; border-radius: 4px; }
.notice p { margin: 0.2rem 0; max-width: none; }
.date, td.date, .byline time { white-space: nowrap; }
/* Tables lay out by content: a column is never narrower than its longest word, so no word is
   broken; dates, states, amounts and links stay on one line; headers wrap between words only. */
th, td { hyphens: manual; overflow-wrap: break-word; word-break: normal; }
thead th { overflow-wrap: normal; }
thead th.num { white-space: normal; }
.nowrap, a.nowrap { white-space: nowrap; }
/* Goal tables: the same column widths in each, the activity widest; short columns take what they need. */
.layout-goal th:nth-child(1) { width: 34%; }
.layout-goal th:nth-child(2) { width: 22%; }
.layout-goal th:nth-child(3) { width: 20%; }
/* Project lists have many short columns: a smaller type and tighter cells keep them within the page. */
@media screen {
  .layout-projects { font-size: 0.84rem; }
  .layout-projects th, .layout-projects td { padding: 0.3rem 0.35rem; }
}
.area h3 { font-size: 1.2rem; margin-top: 1.8rem; }
.goal h4 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; color: var(--accent); }
.unit h5 { font-size: 1rem; margin: 1rem 0 0.3rem; padding-bottom: 0.15rem; border-bottom: 1px solid var(--line); }
.activity { margin: 0.5rem 0 0.9rem 0.6rem; }
.activity h6, .statement h5 { font-size: 0.98rem; margin: 0.4rem 0 0.15rem; }
.activity-facts { list-style: none; padding: 0; margin: 0 0 0.3rem; display: flex; flex-wrap: wrap; gap: 0.1rem 1.1rem; font-size: 0.86rem; color: var(--muted); }
.follow-up { border-left: 3px solid var(--line); padding: 0.1rem 0 0.1rem 0.8rem; margin: 0.3rem 0 0.5rem; }
.byline { font-size: 0.84rem; color: var(--muted); margin: 0.1rem 0; }
.byline .after { color: var(--late-ink); }
.text p, .text ul, .text ol { margin: 0.25rem 0; max-width: 80ch; }
.no-text { font-style: italic; color: var(--miss-ink); }
.failed-units { color: var(--unk-ink); }
.doc-foot { margin-top: 2.5rem; font-size: 0.8rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: 0.5rem; }
@page { size: A4 landscape; margin: 14mm 12mm 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9.5pt; }
  .page { max-width: none; padding: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; break-after: avoid; page-break-after: avoid; }
  h3, caption { break-after: avoid; page-break-after: avoid; }
  .toc { display: none; }
  section.major { break-before: page; page-break-before: always; }
  table { font-size: 8.5pt; }
  th, td { padding: 0.2rem 0.35rem; }
  .activity, .follow-up { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  .matrix { font-size: 7.5pt; }
  .matrix th[scope=col] { font-size: 7pt; }
  thead { display: table-header-group; }
  tr, .chart, .facts { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
