import { z } from 'zod';
import { IdSchema, RegexSchema, TextSchema, YearSchema, requireAnyOf, requireOneOf, strict } from './schema-common.js';

/**
 * `units`: how Stratsys departments (which carry no type) become departments (förvaltningar),
 * companies (bolag) or other units. Rules are tried in file order; the first match wins; a unit no
 * rule matches is `other`.
 */

const SubtreeSchema = strict({
  /** The unit whose descendants match. */
  root: IdSchema,
  /** Whether the root itself matches too. Default false. */
  includeRoot: z.boolean().default(false),
  /** How many levels below the root match: 1 = direct children. Default: all levels. */
  depth: z.number().int().min(1).nullable().default(null),
});

/** How one classification rule recognises its units. */
export type UnitMatch =
  { kind: 'subtree'; root: string; includeRoot: boolean; depth: number | null } | { kind: 'ids'; ids: string[] } | { kind: 'external-codes'; codes: string[] } | { kind: 'name'; pattern: string };

/** One classification rule: a label, the kind it gives, and exactly one way to match units. */
export const UnitRuleSchema = strict({
  label: TextSchema,
  kind: z.enum(['department', 'company', 'other']),
  subtree: SubtreeSchema.optional(),
  ids: z.array(IdSchema).min(1).optional(),
  /** External codes (id mappings): when the API client belongs to an external source, Stratsys reports these as the unit ids. */
  externalCodes: z.array(IdSchema).min(1).optional(),
  /** Regular expression on the unit name, case-insensitive. */
  nameMatches: RegexSchema.optional(),
})
  .superRefine(requireOneOf(['subtree', 'ids', 'externalCodes', 'nameMatches']))
  .transform((rule) => ({ label: rule.label, kind: rule.kind, match: toUnitMatch(rule) }));
export type UnitRule = z.output<typeof UnitRuleSchema>;

function toUnitMatch(rule: { subtree?: { root: string; includeRoot: boolean; depth: number | null }; ids?: string[]; externalCodes?: string[]; nameMatches?: string }): UnitMatch {
  if (rule.subtree !== undefined) return { kind: 'subtree', ...rule.subtree };
  if (rule.ids !== undefined) return { kind: 'ids', ids: rule.ids };
  if (rule.externalCodes !== undefined) return { kind: 'external-codes', codes: rule.externalCodes };
  return { kind: 'name', pattern: rule.nameMatches ?? '' };
}

/** A unit that takes part only in some years of the period (inclusive bounds). */
export const ParticipationSchema = strict({
  unit: IdSchema,
  activeFrom: YearSchema.optional(),
  activeTo: YearSchema.optional(),
})
  .superRefine(requireAnyOf(['activeFrom', 'activeTo']))
  .transform((value) => ({ unit: value.unit, activeFrom: value.activeFrom ?? null, activeTo: value.activeTo ?? null }));
export type Participation = z.output<typeof ParticipationSchema>;

/** The `units` block: classification rules and per-unit participation years. */
export const UnitsSchema = strict({
  rules: z.array(UnitRuleSchema).min(1, 'expected at least one classification rule'),
  participation: z.array(ParticipationSchema).default([]),
});
export type UnitsConfig = z.output<typeof UnitsSchema>;
