import { RE2JS } from 're2js';

/**
 * The regular expressions of mapping files (`nameMatches`, `matches`, `noneMarker`) run on RE2
 * (the pure-JavaScript port `re2js`): matching time grows linearly with the text, whatever the
 * pattern, so a pattern such as `^(\w+\s?)+ AB$` cannot stall a run on a long unit name. RE2 has
 * no look-around and no back-references; such patterns are refused when the file is validated.
 * Matching is case-insensitive and sees at most MAX_MATCHED_CHARS characters of a text.
 */

/** Characters of a text a pattern looks at (the start of longer texts; a none-marker or name is found there). */
export const MAX_MATCHED_CHARS = 10_000;

/** A compiled mapping-file pattern. */
export interface TextPattern {
  readonly source: string;
  /** Whether the pattern occurs in `text` (its first MAX_MATCHED_CHARS characters). */
  test(text: string): boolean;
}

/** Compiles `source` as an RE2 pattern, case-insensitive. Throws when it is not valid RE2 syntax (see patternProblem). */
export function compileTextPattern(source: string): TextPattern {
  const pattern = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  return {
    source,
    test: (text) => pattern.test(text.length > MAX_MATCHED_CHARS ? text.slice(0, MAX_MATCHED_CHARS) : text),
  };
}

/** Why `source` cannot be a mapping pattern, or null when it can. */
export function patternProblem(source: string): string | null {
  try {
    RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
    return null;
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    return `expected a regular expression in RE2 syntax (linear-time matching: no look-around, no back-references): ${reason}`;
  }
}
