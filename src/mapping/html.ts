/**
 * HTML of Stratsys comments to plain text, in one pass over the string (comments are many:
 * 100,000 in a large tenant). Block ends, `<br>` and `<li>` become line breaks; other tags vanish;
 * `<script>`/`<style>` content and HTML comments are dropped; entities are decoded; runs of spaces,
 * tabs and no-break spaces become one space; lines are trimmed and empty lines dropped.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  aring: 'å', auml: 'ä', ouml: 'ö', Aring: 'Å', Auml: 'Ä', Ouml: 'Ö', eacute: 'é', Eacute: 'É', uuml: 'ü', Uuml: 'Ü',
  laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', euro: '€', shy: '',
};

const BREAKING_TAGS = new Set(['br', '/p', '/div', '/li', 'li', '/h1', '/h2', '/h3', '/h4', '/h5', '/h6', '/tr', '/table', '/ul', '/ol', '/blockquote']);
const HIDDEN_ELEMENTS = new Set(['script', 'style']);

/** Plain text of an HTML fragment (see the module comment for the rules). */
export function stripHtml(html: string): string {
  const lines: string[] = [];
  let line = '';
  let space = false;
  const put = (text: string) => {
    if (space && line !== '') line += ' ';
    line += text;
    space = false;
  };
  const breakLine = () => {
    if (line !== '') lines.push(line);
    line = '';
    space = false;
  };
  for (let i = 0; i < html.length; ) {
    const code = html.charCodeAt(i);
    if (code === 60 /* < */) {
      const markup = skipMarkup(html, i);
      if (markup === null) put('<');
      else if (markup.isBreak) breakLine();
      else space ||= markup.isSpace;
      i = markup?.end ?? i + 1;
    } else if (code === 10 /* \n */) {
      breakLine();
      i += 1;
    } else if (code === 32 || code === 9 || code === 13 || code === 0xa0) {
      space = true;
      i += 1;
    } else if (code === 38 /* & */) {
      const entity = decodeEntity(html, i);
      if (entity.text === ' ') space = true;
      else put(entity.text);
      i = entity.end;
    } else {
      let end = i + 1;
      while (end < html.length && !isSpecial(html.charCodeAt(end))) end += 1;
      put(html.slice(i, end));
      i = end;
    }
  }
  breakLine();
  return lines.join('\n');
}

function isSpecial(code: number): boolean {
  return code === 60 || code === 38 || code === 10 || code === 32 || code === 9 || code === 13 || code === 0xa0;
}

/** Skips a tag, comment or hidden element starting at `start` (a `<`); null when it is a literal `<`. */
function skipMarkup(html: string, start: number): { end: number; isBreak: boolean; isSpace: boolean } | null {
  if (html.startsWith('<!--', start)) {
    const close = html.indexOf('-->', start + 4);
    return { end: close < 0 ? html.length : close + 3, isBreak: false, isSpace: false };
  }
  const close = html.indexOf('>', start + 1);
  if (close < 0) return null;
  const name = /^<(\/?[a-z][a-z0-9]*)/i.exec(html.slice(start, Math.min(close + 1, start + 14)))?.[1]?.toLowerCase();
  if (name === undefined) return null;
  if (HIDDEN_ELEMENTS.has(name)) {
    const end = html.toLowerCase().indexOf(`</${name}`, close);
    const after = end < 0 ? -1 : html.indexOf('>', end);
    return { end: after < 0 ? html.length : after + 1, isBreak: false, isSpace: true };
  }
  return { end: close + 1, isBreak: BREAKING_TAGS.has(name), isSpace: false };
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
