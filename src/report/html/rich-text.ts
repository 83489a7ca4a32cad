import type { Inline, RichText } from '../rich-text.js';
import { html, type SafeHtml } from './escape.js';

function inlineHtml(inline: Inline): SafeHtml {
  if (inline.kind === 'break') return html`<br>`;
  const text = inline.isBold ? html`<strong>${inline.text}</strong>` : html`${inline.text}`;
  // safeHref let only absolute http(s)/mailto URLs through; the attribute is escaped as well.
  return inline.href === null ? text : html`<a href="${inline.href}" rel="noopener noreferrer nofollow">${text}</a>`;
}

/**
 * A follow-up text as HTML: `<p>`, `<ul>`/`<ol>`, `<strong>`, `<a>` and `<br>` only, every text
 * escaped. Empty text gives an empty string.
 */
export function richTextHtml(text: RichText): SafeHtml {
  return html`${text.map((block) => {
    if (block.kind === 'paragraph') return html`<p>${block.inlines.map(inlineHtml)}</p>`;
    const items = block.items.map((item) => html`<li>${item.map(inlineHtml)}</li>`);
    return block.isOrdered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
  })}`;
}
