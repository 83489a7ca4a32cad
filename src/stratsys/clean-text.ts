/**
 * Text from Stratsys is shown in terminals (`check`, run summaries), logs and report files, so
 * control characters are removed where it enters: an ESC sequence in a unit name could clear a
 * screen or retitle a window, a NUL or U+2028 breaks CSV, Markdown and scripts. Removed: C0
 * controls, DEL and C1 controls. Kept in multi-line fields (comment and description texts): tab
 * and newline, with CR, CR LF, U+2028 and U+2029 turned into newlines. In every other field (names,
 * codes, messages) line breaks and tabs become spaces, so a value stays on one line.
 */

/** Wire fields whose text may span lines (comment text, description field values, descriptions). */
const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set(['Text', 'TextValue', 'Description', 'Definition']);

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- idem
const BREAKS_AND_TABS = /[\t\n\r\u000B\u000C\u2028\u2029]/g;

/** `text` without control characters; `multiLine` keeps tabs and newlines (see the module comment). */
export function cleanText(text: string, multiLine: boolean): string {
  if (multiLine) return text.replace(LINE_BREAKS, '\n').replace(CONTROLS, '');
  return text.replace(BREAKS_AND_TABS, ' ').replace(CONTROLS, '');
}

/** JSON.parse for Stratsys bodies: every string value cleaned by cleanText, by the field it sits in. */
export function parseStratsysJson(body: string): unknown {
  return JSON.parse(body, (key, value: unknown) => (typeof value === 'string' ? cleanText(value, MULTI_LINE_FIELDS.has(key)) : value));
}
