import type { Inline, RichText } from './rich-text.js';

/**
 * RichText as plain text (CSV and xlsx cells) and as Markdown. Pure.
 */

function plainInline(inline: Inline): string {
  if (inline.kind === 'break') return '\n';
  return inline.href === null || inline.href === inline.text || inline.href === `mailto:${inline.text}` ? inline.text : `${inline.text} (${inline.href})`;
}

/** Plain text: paragraphs separated by an empty line, list items as "• item" or "1. item", links as "text (url)". */
export function richTextToPlain(text: RichText): string {
  return text
    .map((block) => {
      if (block.kind === 'paragraph') return block.inlines.map(plainInline).join('');
      return block.items.map((item, i) => `${block.isOrdered ? `${i + 1}.` : '•'} ${item.map(plainInline).join('')}`).join('\n');
    })
    .join('\n\n');
}

/**
 * Markdown text without HTML or entities: Markdown's punctuation (and `<`, `>`, `&`, which would
 * start HTML, a quote or an entity) is backslash-escaped, so a text from Stratsys can neither
 * inject markup nor break the document; a leading `#`, `+`, `-` or `1.` is escaped too. Line breaks
 * become spaces.
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  const escaped = flat.replace(/[\\`*_{}[\]|~<>&]/g, '\\$&');
  // Only at the start do these make a heading, a list or a numbered list.
  return escaped.replace(/^([#+-])/, '\\$1').replace(/^(\d+)\./, '$1\\.');
}

function markdownInline(inline: Inline): string {
  if (inline.kind === 'break') return '\\\n';
  // Bold around the run's trimmed text: "** x**" is not bold in Markdown.
  const core = escapeMarkdown(inline.text.trim());
  const lead = inline.text.startsWith(' ') ? ' ' : '';
  const trail = inline.text.endsWith(' ') && inline.text.trim() !== '' ? ' ' : '';
  const bolded = inline.isBold && core !== '' ? `**${core}**` : core;
  // The URL is percent-encoded (no spaces, no < >), so it is safe inside <…>.
  return `${lead}${inline.href === null ? bolded : `[${bolded}](<${inline.href}>)`}${trail}`;
}

/** Markdown blocks: paragraphs, then "- item" / "1. item" lists; an empty line between blocks. */
export function richTextToMarkdown(text: RichText, indent = ''): string {
  return text
    .map((block) => {
      if (block.kind === 'paragraph') return indent + block.inlines.map(markdownInline).join('').replace(/\n/g, `\n${indent}`);
      return block.items.map((item, i) => `${indent}${block.isOrdered ? `${i + 1}.` : '-'} ${item.map(markdownInline).join('').replace(/\n/g, `\n${indent}   `)}`).join('\n');
    })
    .join(`\n\n`);
}
