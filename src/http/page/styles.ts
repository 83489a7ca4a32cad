/** Status-page additions to the report style sheet: top bar, tiles, buttons and focus rings. */
export const PAGE_CSS = `
.bar { background: #0b2f4a; color: #fff; }
.bar .page { padding-top: 14px; padding-bottom: 14px; display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1.5rem; }
.bar h1 { font-size: 1.35rem; margin: 0; }
.bar nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; margin: 0; padding: 0; }
.bar a, .bar .link { color: #fff; font: inherit; }
.bar .link { background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; color: #000; padding: 0.5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 0.8rem; margin: 1rem 0; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 0.7rem 0.9rem; background: #fff; }
.tile h2 { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); border: 0; margin: 0 0 0.3rem; padding: 0; }
.tile .big { font-size: 1.25rem; margin: 0.1rem 0 0.3rem; }
.tile p { margin: 0.15rem 0; font-size: 0.9rem; }
.btn { font: inherit; font-size: 0.9rem; padding: 0.3rem 0.8rem; border: 1px solid #0b4f79; border-radius: 4px; background: #fff; color: #0b4f79; cursor: pointer; }
.btn:hover { background: #e1f0fb; }
.btn[aria-disabled=true] { opacity: 0.6; cursor: progress; }
button:focus-visible, input:focus-visible, select:focus-visible, .bar a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.outcome { display: inline-block; font-size: 0.85rem; margin-left: 0.6rem; }
.outcome[data-state=error] { color: var(--miss-ink); font-weight: bold; }
.year-form { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin: 0.4rem 0 0.8rem; }
.year-form input { font: inherit; width: 6rem; padding: 0.2rem 0.4rem; }
.year-form input[type=password] { width: 22rem; max-width: 100%; }
.problem { padding: 0.6rem 0.8rem; border-left: 4px solid #E69F00; background: #fff7e6; }
.error-text { overflow-wrap: anywhere; font-size: 0.85rem; }
.when { white-space: nowrap; }
.note { color: var(--muted); font-size: 0.8rem; font-weight: normal; }
`;
