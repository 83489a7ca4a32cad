/**
 * HTML of Stratsys comments to plain text, in one pass over the string (comments are many:
 * 100,000 in a large tenant). Block ends, `<br>` and `<li>` become line breaks; other tags vanish;
 * `<script>`/`<style>` content and HTML comments are dropped; entities are decoded; runs of spaces,
 * tabs and no-break spaces become one space; lines are trimmed and empty lines dropped.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  aring: 'å',
  auml: 'ä',
  ouml: 'ö',
  Aring: 'Å',
  Auml: 'Ä',
  Ouml: 'Ö',
  eacute: 'é',
  Eacute: 'É',
  uuml: 'ü',
  Uuml: 'Ü',
  laquo: '«',
  raquo: '»',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  euro: '€',
  shy: '',
};

const BREAKING_TAGS = new Set(['br', '/p', '/div', '/li', 'li', '/h1', '/h2', '/h3', '/h4', '/h5', '/h6', '/tr', '/table', '/ul', '/ol', '/blockquote']);
const HIDDEN_ELEMENTS = new Set(['script', 'style']);

/** Plain text of an HTML fragment (see the module comment for the rules). */
export function stripHtml(html: string): string {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < html.length;) {
    const code = html.charCodeAt(i);
    if (code === 60 /* < */) {
      const markup = skipMarkup(html, i);
      const kind = markup % MARKUP_KINDS;
      if (kind === LITERAL) line += '<';
      else if (kind === BREAK) line = pushLine(lines, line);
      else if (kind === SPACE) line += ' ';
      i = kind === LITERAL ? i + 1 : Math.floor(markup / MARKUP_KINDS);
    } else if (code === 10 /* \n */) {
      line = pushLine(lines, line);
      i += 1;
    } else if (code === 9 || code === 13 || code === 0xa0) {
      line += ' ';
      i += 1;
    } else if (code === 38 /* & */) {
      const entity = decodeEntity(html, i);
      line += entity.text;
      i = entity.end;
    } else {
      SPECIAL.lastIndex = i + 1;
      const end = SPECIAL.exec(html)?.index ?? html.length;
      line += html.slice(i, end);
      i = end;
    }
  }
  pushLine(lines, line);
  return lines.join('\n');
}

/** Ends a line: keeps it (spaces collapsed, trimmed) unless empty; returns the new, empty line. */
function pushLine(lines: string[], line: string): string {
  const collapsed = line.includes('  ') ? line.replace(/ {2,}/g, ' ') : line;
  const clean = collapsed.startsWith(' ') || collapsed.endsWith(' ') ? collapsed.trim() : collapsed;
  if (clean !== '') lines.push(clean);
  return '';
}

/** Characters that end a run of plain text (searched natively, not char by char). */
const SPECIAL = /[<&\n\t\r\u00a0]/g;

/** skipMarkup's answer is `end * MARKUP_KINDS + kind`: one number, no object per tag. */
const MARKUP_KINDS = 4;
const [LITERAL, TAG, BREAK, SPACE] = [0, 1, 2, 3];

/**
 * What starts at `start` (a `<`): a literal `<` (kind LITERAL), a tag that vanishes (TAG), one that
 * breaks the line (BREAK), or a hidden element or comment (SPACE, for elements), and where it ends.
 */
function skipMarkup(html: string, start: number): number {
  const at = (end: number, kind: number) => end * MARKUP_KINDS + kind;
  if (html.startsWith('<!--', start)) {
    const close = html.indexOf('-->', start + 4);
    return at(close < 0 ? html.length : close + 3, TAG);
  }
  const close = html.indexOf('>', start + 1);
  const name = close < 0 ? null : tagName(html, start + 1, close);
  if (name === null) return LITERAL;
  if (HIDDEN_ELEMENTS.has(name)) {
    const end = html.toLowerCase().indexOf(`</${name}`, close);
    const after = end < 0 ? -1 : html.indexOf('>', end);
    return at(after < 0 ? html.length : after + 1, SPACE);
  }
  return at(close + 1, BREAKING_TAGS.has(name) ? BREAK : TAG);
}

/** The lower-case name of the tag whose `<` is just before `from` (with a leading `/` for end tags), or null. */
function tagName(html: string, from: number, close: number): string | null {
  let end = html.charCodeAt(from) === 47 /* / */ ? from + 1 : from;
  if (!isLetter(html.charCodeAt(end))) return null;
  while (end < close && (isLetter(html.charCodeAt(end)) || isDigit(html.charCodeAt(end)))) end += 1;
  return html.slice(from, end).toLowerCase();
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Decodes `&name;`, `&#123;` or `&#x1F;` at `start`; anything else is a literal `&`. */
function decodeEntity(html: string, start: number): { text: string; end: number } {
  const semicolon = html.indexOf(';', start + 1);
  if (semicolon < 0 || semicolon - start > 10) return { text: '&', end: start + 1 };
  const entity = html.slice(start + 1, semicolon);
  let text: string | undefined;
  if (/^#x[0-9a-f]+$/i.test(entity)) text = fromCode(parseInt(entity.slice(2), 16));
  else if (/^#\d+$/.test(entity)) text = fromCode(parseInt(entity.slice(1), 10));
  else text = NAMED_ENTITIES[entity];
  return text === undefined ? { text: '&', end: start + 1 } : { text, end: semicolon + 1 };
}

function fromCode(code: number): string | undefined {
  if (code === 0xa0) return ' ';
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
