import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { crossCheckMapping, type MappingSections } from './cross-check.js';
import { formatPath, type Locator, type MappingProblem } from './problems.js';
import { MappingFileSchema, type ProgrammeMapping } from './schema.js';
import { locatePath, positionAt, preserveNumericText } from './locate.js';

/** The outcome of reading one mapping file's text: the mapping, or every problem found. */
export interface ParsedMappingFile {
  mapping: ProgrammeMapping | null;
  problems: MappingProblem[];
  locate: Locator;
}

/**
 * Parses and checks one mapping file's text (no I/O). YAML syntax errors, schema errors and
 * cross-field errors all come back at once, each with the file, line and document path.
 */
export function parseMappingText(text: string, file: string): ParsedMappingFile {
  const lineCounter = new LineCounter();
  // yaml's own `uniqueKeys` check is quadratic in the size of a map; duplicateKeys is linear.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const locate = makeLocator(file, doc, lineCounter);
  const at = (offset: number, message: string): MappingProblem => ({ file, ...positionAt(lineCounter, offset), path: '', message });
  const syntax = [
    ...doc.errors.map((error) => at(error.pos[0], `YAML syntax: ${firstLine(error.message)}`)),
    ...duplicateKeys(doc).map((key) => at(key.offset, `YAML syntax: duplicate key "${key.name}" (map keys must be unique)`)),
  ];
  if (syntax.length > 0) return { mapping: null, problems: syntax, locate };
  preserveNumericText(doc);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml refuses aliases that expand beyond maxAliasCount ("billion laughs"): this file's problem.
    return {
      mapping: null,
      problems: [{ file, line: null, column: null, path: '', message: `YAML aliases expand too far (${firstLine((error as Error).message)}); write the values out instead of repeating *aliases` }],
      locate,
    };
  }
  if (value === null || value === undefined) {
    return { mapping: null, problems: [{ file, line: null, column: null, path: '', message: 'the file is empty; expected a mapping with id, name, startYear, endYear, …' }], locate };
  }
  const parsed = MappingFileSchema.safeParse(value);
  const schemaProblems = parsed.success ? [] : parsed.error.issues.flatMap((issue) => fromIssue(issue, locate, doc));
  const sections = parsed.success ? parsed.data : parseSections(value);
  const problems = [...schemaProblems, ...crossCheckMapping(sections, locate)].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { mapping: parsed.success && problems.length === 0 ? { ...parsed.data, file } : null, problems, locate };
}

/** Uses of one alias (`*name`) yaml expands at most, counted with what they expand to. */
const MAX_ALIAS_COUNT = 100;

/** Unknown-key problems reported one by one at one place; the rest are counted in one more. */
const MAX_UNKNOWN_KEY_PROBLEMS = 20;

/** Keys that appear twice in one YAML map (scalar keys, compared as text), in one pass. */
function duplicateKeys(doc: Document): Array<{ name: string; offset: number }> {
  const found: Array<{ name: string; offset: number }> = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) found.push({ name, offset: pair.key.range?.[0] ?? 0 });
        seen.add(name);
      }
    },
  });
  return found;
}

/** The top-level sections that parse on their own, for cross-checks when the whole file does not. */
function parseSections(value: unknown): MappingSections {
  if (typeof value !== 'object' || value === null) return {};
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(MappingFileSchema.shape)) {
    const result = schema.safeParse((value as Record<string, unknown>)[key]);
    if (result.success) sections[key] = result.data;
  }
  return sections as MappingSections;
}

function makeLocator(file: string, doc: Document, lineCounter: LineCounter): Locator {
  return (path, message) => {
    const { position } = locatePath(doc, lineCounter, path);
    return { file, line: position?.line ?? null, column: position?.column ?? null, path: formatPath(path), message };
  };
}

function fromIssue(issue: z.core.$ZodIssue, locate: Locator, doc: Document): MappingProblem[] {
  if (issue.code === 'unrecognized_keys') {
    const shown = issue.keys.slice(0, MAX_UNKNOWN_KEY_PROBLEMS).map((key) => locate([...issue.path, key], issue.message));
    const more = issue.keys.length - shown.length;
    return more > 0 ? [...shown, locate(issue.path, `${more} more unknown keys here`)] : shown;
  }
  const missing = issue.code === 'invalid_type' && !doc.hasIn(issue.path as unknown[]);
  const last = issue.path[issue.path.length - 1];
  if (missing && last !== undefined) {
    return [locate(issue.path, `required key "${String(last)}" is missing (expected ${issue.expected})`)];
  }
  return [locate(issue.path, issue.message)];
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
