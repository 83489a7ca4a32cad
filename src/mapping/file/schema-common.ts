import { z } from 'zod';
import { editDistance } from '../../shared/edit-distance.js';
import { patternProblem } from './pattern.js';
import { MAPPING_YEARS } from '../../shared/years.js';

/**
 * Building blocks of the mapping-file schema. Every object is strict: an unknown key is an error
 * that names the keys allowed at that place (and the nearest one, for typos).
 */

/** A strict object whose unknown-key error lists the allowed keys and suggests the closest. */
export function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, allowed) : undefined),
  });
}

/** Unknown keys named in one message; a file with thousands of them gets a count for the rest. */
const MAX_NAMED_KEYS = 10;

function unknownKeysMessage(keys: readonly string[], allowed: readonly string[]): string {
  const named = keys.slice(0, MAX_NAMED_KEYS).map((key) => {
    const near = closest(key, allowed);
    return near === null ? `"${key}"` : `"${key}" (did you mean "${near}"?)`;
  });
  const more = keys.length > MAX_NAMED_KEYS ? ` and ${keys.length - MAX_NAMED_KEYS} more` : '';
  return `unknown key ${named.join(', ')}${more}; allowed here: ${allowed.join(', ')}`;
}

function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** A Stratsys id: written quoted or unquoted in YAML (`5001` or `"5001"`), always a string after parsing. */
export const IdSchema = z
  .union([z.string().trim().min(1, 'expected a non-empty id'), z.number().int().nonnegative()], {
    error: 'expected a Stratsys id such as 5001 or "5001"',
  })
  .transform(String);

/** A stable key of our own: lower-case letters, digits and dashes (`naringsliv`, `eu-projekt`). */
export const KeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a key of lower-case letters a–z, digits and dashes, such as "naringsliv"');

/** A human label or name. */
export const TextSchema = z.string().trim().min(1, 'expected a non-empty text');

/** A text compared with Stratsys data; YAML numbers (`2019`) are accepted and read as text. */
export const MatchTextSchema = z.union([TextSchema, z.number()]).transform(String);

/** A calendar year. */
export const YearSchema = z.number().int('expected a whole year such as 2019').min(MAPPING_YEARS.min).max(MAPPING_YEARS.max);

/** A regular expression in RE2 syntax, matched case-insensitively in linear time (see pattern.ts). */
export const RegexSchema = z
  .string()
  .min(1)
  .max(1_000)
  .superRefine((source, ctx) => {
    const problem = patternProblem(source);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Adds an issue unless exactly one (or, with `min: 0`, at most one) of `keys` is present. */
export function requireOneOf<T extends Record<string, unknown>>(keys: ReadonlyArray<keyof T & string>, min: 0 | 1 = 1) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const present = keys.filter((key) => value[key] !== undefined);
    if (present.length > 1) {
      ctx.addIssue({ code: 'custom', message: `expected only one of ${keys.join(', ')}; found ${present.join(' and ')}` });
    } else if (present.length < min) {
      ctx.addIssue({ code: 'custom', message: `expected one of ${keys.join(', ')}` });
    }
  };
}

/** Adds an issue unless at least one of `keys` is present. */
export function requireAnyOf<T extends Record<string, unknown>>(keys: ReadonlyArray<keyof T & string>) {
  return (value: T, ctx: z.RefinementCtx): void => {
    if (keys.every((key) => value[key] === undefined)) {
      ctx.addIssue({ code: 'custom', message: `expected at least one of ${keys.join(', ')}` });
    }
  };
}

/** Something in Stratsys named by id or by name (names compare case-insensitively). */
export interface Ref {
  id: string | null;
  name: string | null;
}

/** `{ id: 503 }` or `{ name: "Aktivitet" }`. */
export const RefSchema = strict({ id: IdSchema.optional(), name: TextSchema.optional() })
  .superRefine(requireOneOf(['id', 'name']))
  .transform((value): Ref => ({ id: value.id ?? null, name: value.name ?? null }));

/** Keywords a node must carry: optionally restricted to a group, by id(s) or name(s). */
export interface KeywordMatch {
  group: Ref | null;
  /** Keyword ids; null = any keyword (of the group). */
  ids: string[] | null;
  names: string[] | null;
}

/**
 * `{ groupId: 70, id: 704 }`, `{ groupName: Medel, names: [Projekt] }`, `{ groupId: 71 }` (any
 * keyword of the group). A node matches when it carries at least one such keyword.
 */
export const KeywordMatchSchema = strict({
  groupId: IdSchema.optional(),
  groupName: TextSchema.optional(),
  id: IdSchema.optional(),
  name: TextSchema.optional(),
  ids: z.array(IdSchema).min(1).optional(),
  names: z.array(TextSchema).min(1).optional(),
})
  .superRefine(requireOneOf(['groupId', 'groupName'], 0))
  .superRefine(requireOneOf(['id', 'name', 'ids', 'names'], 0))
  .superRefine(requireAnyOf(['groupId', 'groupName', 'id', 'name', 'ids', 'names']))
  .transform((value): KeywordMatch => ({
    group: value.groupId !== undefined || value.groupName !== undefined ? { id: value.groupId ?? null, name: value.groupName ?? null } : null,
    ids: value.id !== undefined ? [value.id] : (value.ids ?? null),
    names: value.name !== undefined ? [value.name] : (value.names ?? null),
  }));
