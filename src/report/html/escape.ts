import { escapeHtml } from '../../shared/html.js';

/**
 * Auto-escaping HTML templates. Every interpolated string or number is escaped for element content
 * and quoted attribute values; only `SafeHtml` (made by `html` or `trusted`) is inserted as is.
 * So text from Stratsys can never become markup. Pure.
 */

/** Markup that is already safe to insert. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a template accepts: text (escaped), numbers, markup, nothing, or lists of these. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks constant markup written in this code base (style sheets, scripts) as safe. Never pass data. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
