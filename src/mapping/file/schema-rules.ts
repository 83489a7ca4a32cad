import { z } from 'zod';
import { IdSchema, KeySchema, KeywordMatchSchema, MatchTextSchema, RefSchema, RegexSchema, TextSchema, requireAnyOf, requireOneOf, strict, type KeywordMatch, type Ref } from './schema-common.js';

/**
 * Which scorecards hold the action plan, and the rules that place their activities in focus areas
 * and goals, recognise means and externally financed projects, and find the project statements.
 */

/** An action-plan scorecard and its activity column. */
export const ScorecardSchema = strict({
  id: IdSchema,
  /** Expected name; a different name in Stratsys gives a warning (a wrong id is caught early). */
  name: TextSchema.optional(),
  /** The column (level) whose nodes are the activities: `{ id: 503 }` or `{ name: Aktivitet }`. */
  activityColumn: RefSchema,
  /**
   * Node type of the activity column: only `Activity` (the default). Who reports an activity comes
   * from `activities/filter` rows, which exist only for Activity nodes (contract 5.9).
   */
  activityNodeType: z.literal('Activity', { error: 'only Activity is supported: who reports an activity comes from activities/filter rows, which exist only for Activity nodes' }).default('Activity'),
});
export type ScorecardConfig = z.output<typeof ScorecardSchema>;

/**
 * Rule precedence, most specific first. Only the highest level at which some rule gives a focus
 * area decides it (two rules there that disagree are a conflict); goals likewise, independently.
 */
export const RULE_LEVELS = ['node', 'description-field', 'keyword', 'ancestor', 'column'] as const;
/** A precedence level: the kind of a rule's match. */
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** What a rule matches, one kind per rule (normalised from the file's `match`). */
export type RuleMatch =
  | { kind: 'node'; nodeIds: string[] }
  | { kind: 'description-field'; field: Ref; equals: string[] | null; matches: string | null }
  | { kind: 'keyword'; keyword: KeywordMatch }
  | { kind: 'ancestor'; nodeIds: string[] }
  | { kind: 'column'; column: Ref; scorecardId: string | null };

const DescriptionFieldMatchSchema = strict({
  id: IdSchema.optional(),
  name: TextSchema.optional(),
  /** The value equals one of these (case and surrounding spaces ignored). */
  equals: z.union([MatchTextSchema, z.array(MatchTextSchema).min(1)]).optional(),
  /** The value matches this regular expression (case-insensitive). */
  matches: RegexSchema.optional(),
})
  .superRefine(requireOneOf(['id', 'name']))
  .superRefine(requireOneOf(['equals', 'matches']))
  .transform((value) => ({
    field: { id: value.id ?? null, name: value.name ?? null },
    equals: value.equals === undefined ? null : [value.equals].flat(),
    matches: value.matches ?? null,
  }));

const ColumnMatchSchema = strict({ id: IdSchema.optional(), name: TextSchema.optional(), scorecardId: IdSchema.optional() })
  .superRefine(requireOneOf(['id', 'name']))
  .transform((value) => ({ column: { id: value.id ?? null, name: value.name ?? null }, scorecardId: value.scorecardId ?? null }));

const RuleMatchSchema = strict({
  node: IdSchema.optional(),
  nodes: z.array(IdSchema).min(1).optional(),
  descriptionField: DescriptionFieldMatchSchema.optional(),
  keyword: KeywordMatchSchema.optional(),
  ancestor: IdSchema.optional(),
  ancestors: z.array(IdSchema).min(1).optional(),
  column: ColumnMatchSchema.optional(),
})
  .superRefine(requireOneOf(['node', 'nodes', 'descriptionField', 'keyword', 'ancestor', 'ancestors', 'column']))
  .transform((match): RuleMatch => {
    if (match.node !== undefined || match.nodes !== undefined) return { kind: 'node', nodeIds: match.nodes ?? [match.node ?? ''] };
    if (match.descriptionField !== undefined) return { kind: 'description-field', ...match.descriptionField };
    if (match.keyword !== undefined) return { kind: 'keyword', keyword: match.keyword };
    if (match.column !== undefined) return { kind: 'column', ...match.column };
    return { kind: 'ancestor', nodeIds: match.ancestors ?? [match.ancestor ?? ''] };
  });

/** Places matching activity nodes in a focus area and/or goals. */
export const RuleSchema = strict({
  /** Shown in explanations and on each activity (`matchedBy`); unique in the file. */
  label: TextSchema,
  match: RuleMatchSchema,
  focusArea: KeySchema.optional(),
  goals: z.array(KeySchema).min(1).optional(),
})
  .superRefine(requireAnyOf(['focusArea', 'goals']))
  .transform((rule) => ({ label: rule.label, match: rule.match, focusArea: rule.focusArea ?? null, goals: rule.goals ?? null }));
export type MappingRule = z.output<typeof RuleSchema>;

/** A means of the international work, recognised by keyword. */
export const MeansSchema = strict({ key: KeySchema, name: TextSchema, keyword: KeywordMatchSchema.optional() }).transform((means) => ({
  key: means.key,
  name: means.name,
  keyword: means.keyword ?? null,
}));
export type MeansConfig = z.output<typeof MeansSchema>;

const FieldSourceSchema = strict({ descriptionField: RefSchema });

/** Recognises externally financed projects and says where their facts are read. */
export const FinancingSchema = strict({
  label: TextSchema,
  keyword: KeywordMatchSchema,
  financier: z.enum(['eu', 'international']),
  /** Granted amount in SEK ("1 250 000", "1 250 000 kr", "1,5 mkr", "250 tkr"). */
  amount: FieldSourceSchema.optional(),
  /** The year the grant was decided ("2019"). */
  year: FieldSourceSchema.optional(),
  /** Programme or funder ("Interreg Central Baltic"). */
  financierName: FieldSourceSchema.optional(),
}).transform((rule) => ({
  label: rule.label,
  keyword: rule.keyword,
  financier: rule.financier,
  amountField: rule.amount?.descriptionField ?? null,
  yearField: rule.year?.descriptionField ?? null,
  financierNameField: rule.financierName?.descriptionField ?? null,
}));
export type FinancingRule = z.output<typeof FinancingSchema>;

/** The node(s) every unit comments on with its yearly statement about external projects. */
export const ProjectStatementsSchema = strict({
  nodes: z.array(IdSchema).min(1),
  /** A statement whose text matches this (case-insensitive) says "no projects this year". */
  noneMarker: RegexSchema.optional(),
}).transform((value) => ({ nodeIds: value.nodes, noneMarker: value.noneMarker ?? null }));
export type ProjectStatementsConfig = z.output<typeof ProjectStatementsSchema>;
