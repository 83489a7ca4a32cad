/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The checks run in the page (page.evaluate), so they are typed against the DOM; the build (tsconfig.build.json) leaves test/ out.
import type { Page } from 'playwright-core';

/**
 * Layout checks of a rendered report page, run in the browser. Each problem is one sentence that
 * names where it is: the table (by id), the row (by its header) and the column (by its header),
 * or the element outside tables, so a failing test says which cell to fix.
 */
export interface LayoutProblems {
  /** Tables wider than the page's content box (or the window), scroll boxes that cut them off, text sticking out of its cell or the page. */
  wide: string[];
  /** Header cells (`th`) with a word broken over two lines (inside its letters, not after a hyphen, dash or slash). */
  brokenHeaders: string[];
  /** Body cells (`td`) with a word broken over two lines. */
  brokenWords: string[];
  /** Dates (`yyyy-MM-dd`, with ` HH:mm` when given) laid out on more than one line, anywhere. */
  wrappedDates: string[];
}

/** Words and dates on more than one line, tables wider than the page; see LayoutProblems. */
export async function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate(() => {
    const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text).replace(/\s+/g, ' ').trim();
    const linesOf = (node: Node, start: number, end: number): number => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      // One box per line: vertical text has its lines side by side, so both edges count.
      return new Set([...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => `${Math.round(r.top)}|${Math.round(r.left)}`)).size;
    };
    const tableName = (table: Element | null) => (table === null ? '' : `table#${table.id || '(no id)'}`);
    const where = (el: Element): string => {
      const cell = el.closest('td, th');
      const table = el.closest('table');
      if (cell === null || table === null) {
        const block = el.closest('[id]');
        return `${block ? `#${block.id}` : 'page'} <${el.tagName.toLowerCase()}>`;
      }
      const row = cell.parentElement as HTMLTableRowElement;
      const section = row.parentElement?.tagName.toLowerCase() ?? '';
      const index = [...row.children].indexOf(cell);
      const header = table.querySelector('thead tr')?.children[index]?.textContent ?? `column ${index + 1}`;
      if (section === 'thead') return `${tableName(table)}, header of column ${index + 1} "${clip(cell.textContent ?? '')}"`;
      const rowHeader = row.querySelector('th')?.textContent ?? `row ${row.rowIndex}`;
      return `${tableName(table)}, ${section === 'tfoot' ? 'total' : 'row'} "${clip(rowHeader)}", column "${clip(header)}"`;
    };
    const textNodes = function* (root: Element) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) yield node;
    };
    const brokenWordsIn = (selector: string): string[] =>
      [...document.querySelectorAll(selector)].flatMap((cell) =>
        [...textNodes(cell)].flatMap((node) =>
          // A line may end after a hyphen, dash or slash of the text ("Botnia-/Atlantica"), never inside a run of letters.
          [...(node.textContent ?? '').matchAll(/[^\s\-\u2010-\u2015/]+/g)]
            .map((m) => ({ word: m[0], lines: linesOf(node, m.index, m.index + m[0].length) }))
            .filter((w) => w.lines > 1)
            .map((w) => `${where(node.parentElement ?? cell)}: "${w.word}" is broken over ${w.lines} lines`),
        ),
      );
    const pageBox = document.querySelector('.page') ?? document.body;
    const style = getComputedStyle(pageBox);
    const right = Math.min(document.documentElement.clientWidth, pageBox.getBoundingClientRect().right - parseFloat(style.paddingRight));
    const wide = [...document.querySelectorAll('table')]
      .filter((t) => t.getBoundingClientRect().right > right + 0.5)
      .map((t) => `${tableName(t)} reaches ${Math.round(t.getBoundingClientRect().right)} px, the page ends at ${Math.round(right)} px`);
    for (const box of document.querySelectorAll('.scroll')) {
      if (box.scrollWidth > box.clientWidth + 0.5) wide.push(`${tableName(box.querySelector('table'))} is cut off: ${box.scrollWidth} px in a ${box.clientWidth} px box`);
    }
    // Text that sticks out of its cell (it would print over the next one) or past the page.
    for (const node of textNodes(document.body)) {
      const parent = node.parentElement;
      if (parent === null || (node.textContent ?? '').trim() === '' || parent.closest('.visually-hidden') !== null) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const cell = parent.closest('td, th');
      const cellEdge = cell === null ? Number.POSITIVE_INFINITY : cell.getBoundingClientRect().right;
      const edge = Math.min(right, cellEdge);
      const reach = range.getBoundingClientRect().right;
      if (reach > edge + 0.5) wide.push(`${where(parent)}: "${clip(node.textContent ?? '')}" sticks out ${Math.round(reach - edge)} px past its ${cellEdge < right ? 'cell' : 'page'}`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth)
      wide.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in a ${document.documentElement.clientWidth} px window`);
    const wrappedDates = [...textNodes(document.body)].flatMap((node) =>
      [...(node.textContent ?? '').matchAll(/\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?/g)]
        .filter((m) => linesOf(node, m.index, m.index + m[0].length) > 1)
        .map((m) => `${where(node.parentElement ?? document.body)}: "${m[0]}" wraps`),
    );
    return { wide, brokenHeaders: brokenWordsIn('th'), brokenWords: brokenWordsIn('td'), wrappedDates };
  });
}
