/**
 * Making untrusted text (names from Stratsys) safe for headers, plain text and HTML. Pure.
 */

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * One line: every control character (CR, LF, tab, NUL, …) becomes a space, runs of white space
 * shrink to one, the ends are trimmed and the result is cut at `max` characters (with `…`).
 */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** The URL when it is an absolute http(s) URL without spaces or controls, else null. */
export function safeHttpUrl(url: string | null): string | null {
  if (url === null) return null;
  const trimmed = url.trim();
  if (!/^https?:\/\/\S+$/i.test(trimmed) || HAS_CONTROL.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
