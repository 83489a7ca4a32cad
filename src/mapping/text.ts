/** Small text helpers of the mapping engine: name comparison, id order, HTML to plain text. */

const NUMERIC = new Intl.Collator('en', { numeric: true });

/** Compares ids numerically where they are digits (`9` before `10`), never equal for different ids. */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  // Fast path for the usual all-digit ids without leading zeros: shorter is smaller.
  if (DIGITS.test(a) && DIGITS.test(b)) return a.length - b.length || (a < b ? -1 : 1);
  return NUMERIC.compare(a, b) || (a < b ? -1 : 1);
}

const DIGITS = /^[1-9]\d{0,14}$/;

/** A name as compared with mapping names: trimmed, inner spaces collapsed, lower case (Swedish). */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('sv');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  aring: 'å', auml: 'ä', ouml: 'ö', Aring: 'Å', Auml: 'Ä', Ouml: 'Ö', eacute: 'é', Eacute: 'É', uuml: 'ü', Uuml: 'Ü',
  laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', euro: '€', shy: '',
};

/**
 * Plain text of a Stratsys comment (HTML): block ends and `<br>` become line breaks, other tags
 * vanish, entities are decoded, `<script>`/`<style>` content is dropped, runs of spaces collapse
 * and blank lines are removed.
 */
export function stripHtml(html: string): string {
  if (!/[<&]/.test(html)) return collapseSpaces(html);
  const kept = HAS_HIDDEN.test(html) ? html.replace(HIDDEN, '') : html;
  const text = kept.replace(LINE_BREAKS, '\n').replace(TAGS, '');
  const decoded = text.includes('&') ? decodeEntities(text) : text;
  if (!decoded.includes('\n')) return collapseSpaces(decoded);
  return decoded
    .split('\n')
    .map(collapseSpaces)
    .filter((line) => line !== '')
    .join('\n');
}

const HAS_HIDDEN = /<(?:script|style|!--)/i;
/** Script and style elements with their content, and HTML comments. */
const HIDDEN = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const LINE_BREAKS = /<br\s*\/?>|<\/(?:p|div|li|h[1-6]|tr|table|ul|ol|blockquote)\s*>|<li\b[^>]*>/gi;
const TAGS = /<[^>]*>/g;

function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}
