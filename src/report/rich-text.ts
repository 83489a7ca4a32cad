import { Parser } from 'htmlparser2';

/**
 * Follow-up texts as safe formatted text. Stratsys comments are HTML written by people (and by
 * whatever editor or integration they used), so they are untrusted: only paragraphs, lists, bold,
 * line breaks and http(s)/mailto links survive; every other tag is dropped with its text kept, and
 * the content of scripts, styles and other non-text elements is dropped. The result is plain data
 * that each renderer turns into its own format (HTML, Markdown, plain text for CSV/xlsx). Pure.
 */

/** A run of text, possibly bold, possibly a link; or a line break. */
export type Inline = { kind: 'text'; text: string; isBold: boolean; href: string | null } | { kind: 'break' };

/** A paragraph, or a list whose items are lines of inlines (nested lists are flattened into it). */
export type Block = { kind: 'paragraph'; inlines: Inline[] } | { kind: 'list'; isOrdered: boolean; items: Inline[][] };

/** A follow-up text: blocks in reading order. Empty when the comment has no visible text. */
export type RichText = Block[];

const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'pre', 'hr', 'header', 'footer', 'dl', 'dt', 'dd']);
const BOLD_TAGS = new Set(['b', 'strong', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th']);
/** Elements whose content is never text for a reader. */
const DROPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'textarea', 'select', 'head']);
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_HREF = /[<>"'`\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Control characters other than tab and line feed have no place in a text for people.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The link target when it is an absolute http(s) or mailto URL, normalised; else null. Characters
 * the URL parser leaves as they are in some schemes (`<`, `>`, quotes, spaces, controls in a
 * mailto: address) are percent-encoded, so the target is safe inside Markdown's `<…>` and attributes.
 */
export function safeHref(raw: string | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '' || !URL.canParse(value)) return null;
  const url = new URL(value);
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href.replace(UNSAFE_IN_HREF, (char) => encodeURIComponent(char)) : null;
}

/** The link target when it is an absolute http(s) URL (safeHref without mailto:), else null. */
export function safeHttpHref(raw: string | null | undefined): string | null {
  const href = safeHref(raw ?? undefined);
  return href !== null && /^https?:/.test(href) ? href : null;
}

class Builder {
  readonly blocks: Block[] = [];
  private paragraph: Inline[] = [];
  private list: { isOrdered: boolean; items: Inline[][] } | null = null;
  private listDepth = 0;
  private item: Inline[] | null = null;
  bold = 0;
  dropped = 0;
  links: Array<string | null> = [];

  private target(): Inline[] {
    return this.item ?? this.paragraph;
  }

  text(raw: string): void {
    if (this.dropped > 0) return;
    const text = raw.replace(CONTROL, '').replace(/\s+/g, ' ');
    if (text === '') return;
    const target = this.target();
    const last = target.at(-1);
    const href = this.links.at(-1) ?? null;
    const isBold = this.bold > 0;
    if (last?.kind === 'text' && last.isBold === isBold && last.href === href) last.text += text;
    else target.push({ kind: 'text', text, isBold, href });
  }

  lineBreak(): void {
    if (this.dropped === 0) this.target().push({ kind: 'break' });
  }

  endParagraph(): void {
    if (this.item !== null) {
      // A block inside a list item: a new line in the item.
      if (this.item.length > 0 && this.item.at(-1)?.kind !== 'break') this.item.push({ kind: 'break' });
      return;
    }
    const inlines = tidy(this.paragraph);
    if (inlines.length > 0) this.blocks.push({ kind: 'paragraph', inlines });
    this.paragraph = [];
  }

  openList(isOrdered: boolean): void {
    this.endItem();
    this.endParagraph();
    this.listDepth += 1;
    this.list ??= { isOrdered, items: [] };
  }

  closeList(): void {
    this.endItem();
    this.listDepth = Math.max(0, this.listDepth - 1);
    if (this.listDepth > 0 || this.list === null) return;
    if (this.list.items.length > 0) this.blocks.push({ kind: 'list', ...this.list });
    this.list = null;
  }

  openItem(): void {
    if (this.list === null) this.openList(false);
    this.endItem();
    this.item = [];
  }

  endItem(): void {
    if (this.item === null) return;
    const inlines = tidy(this.item);
    if (inlines.length > 0) this.list?.items.push(inlines);
    this.item = null;
  }

  finish(): RichText {
    while (this.listDepth > 0 || this.list !== null) this.closeList();
    this.endParagraph();
    return this.blocks;
  }
}

/** Trims a line: no leading or trailing spaces or breaks, no doubled spaces across runs. */
function tidy(inlines: Inline[]): Inline[] {
  const out = inlines.map((inline) => ({ ...inline }));
  out.forEach((inline, i) => {
    const before = out[i - 1];
    if (inline.kind === 'text' && (before === undefined || before.kind === 'break' || before.text.endsWith(' '))) inline.text = inline.text.replace(/^ /, '');
  });
  while (out.at(-1)?.kind === 'break') out.pop();
  while (out[0]?.kind === 'break') out.shift();
  const last = out.at(-1);
  if (last?.kind === 'text') last.text = last.text.replace(/ $/, '');
  return out.filter((inline) => inline.kind === 'break' || inline.text !== '');
}

/** Parses a follow-up's HTML into RichText (see the module comment for what survives). */
export function parseRichText(html: string): RichText {
  const builder = new Builder();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (DROPPED_TAGS.has(name)) builder.dropped += 1;
        else if (name === 'br') builder.lineBreak();
        else if (name === 'ul' || name === 'ol') builder.openList(name === 'ol');
        else if (name === 'li') builder.openItem();
        else if (BLOCK_TAGS.has(name)) builder.endParagraph();
        if (BOLD_TAGS.has(name)) builder.bold += 1;
        if (name === 'a') builder.links.push(safeHref(attributes.href));
      },
      ontext: (text) => builder.text(text),
      onclosetag(name) {
        if (DROPPED_TAGS.has(name)) builder.dropped = Math.max(0, builder.dropped - 1);
        else if (name === 'ul' || name === 'ol') builder.closeList();
        else if (name === 'li') builder.endItem();
        else if (BLOCK_TAGS.has(name)) builder.endParagraph();
        if (BOLD_TAGS.has(name)) builder.bold = Math.max(0, builder.bold - 1);
        if (name === 'a') builder.links.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return builder.finish();
}
