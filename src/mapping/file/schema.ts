import { z } from 'zod';
import { IdSchema, KeySchema, TextSchema, YearSchema, requireAnyOf, strict } from './schema-common.js';
import { IndicatorSchema } from './schema-indicators.js';
import { ObligationsSchema } from './schema-obligations.js';
import { FinancingSchema, MeansSchema, ProjectStatementsSchema, RuleSchema, ScorecardSchema } from './schema-rules.js';
import { UnitsSchema } from './schema-units.js';
import { LinksSchema } from './schema-links.js';

/**
 * The mapping-file format: one programme period per YAML file in `mappings/`. See
 * the README section "Mapping files" for the controller's guide. Every object is strict, so a misspelt key is
 * an error, never silently ignored.
 */

/** A focus area of the programme. */
export const FocusAreaSchema = strict({
  key: KeySchema,
  name: TextSchema,
  /** 1 is the highest priority. */
  priority: z.number().int().min(1),
  kind: z.enum(['focus-area', 'knowledge-raising']).default('focus-area'),
});

/** A municipality-wide or operational goal. */
export const GoalSchema = strict({ key: KeySchema, name: TextSchema, level: z.enum(['municipality', 'operational']) });

/** Where a focus area's owners come from: fixed addresses and/or holders of a Stratsys role. */
export const OwnerSchema = strict({
  focusArea: KeySchema,
  emails: z.array(z.email('expected an e-mail address')).min(1).optional(),
  /** Holders of responsibility role `roleId` on node `nodeId` in department `departmentId`. */
  role: strict({
    roleId: IdSchema,
    nodeId: IdSchema,
    departmentId: IdSchema,
    /** Default: the first scorecard under `scorecards`. */
    scorecardId: IdSchema.optional(),
  }).optional(),
})
  .superRefine(requireAnyOf(['emails', 'role']))
  .transform((owner) => ({
    focusArea: owner.focusArea,
    emails: owner.emails ?? [],
    role: owner.role === undefined ? null : { ...owner.role, scorecardId: owner.role.scorecardId ?? null },
  }));
export type OwnerConfig = z.output<typeof OwnerSchema>;

/** The `alerts` block: where escalations go and how often reminders are sent. */
export const AlertsSchema = strict({
  /** The International Office: copied on escalations, and the recipient when a focus area has no owner. */
  internationalOffice: z.email('expected an e-mail address'),
  /** Days between reminders about one missing report. Default 7. */
  reminderEveryDays: z.number().int().min(1).max(365).default(7),
  /** Days after the due instant when a missing report is escalated to the International Office. Default 30. */
  escalateAfterDays: z.number().int().min(1).max(365).default(30),
  /** Language of the e-mails. Default sv. */
  language: z.enum(['sv', 'en']).default('sv'),
  /**
   * Who reports for a unit, named in the e-mails: holders of `roleId` on node `nodeId` in the unit
   * itself (one request per unit). Optional.
   */
  reporters: strict({ roleId: IdSchema, nodeId: IdSchema, scorecardId: IdSchema.optional() })
    .optional()
    .transform((value) => (value === undefined ? null : { ...value, scorecardId: value.scorecardId ?? null })),
});
export type AlertsConfig = z.output<typeof AlertsSchema>;

/** One mapping file (one programme period). */
export const MappingFileSchema = strict({
  /** Stable id of the period, e.g. `gavle-2018-2020`. */
  id: KeySchema,
  name: TextSchema,
  description: TextSchema.optional(),
  startYear: YearSchema,
  endYear: YearSchema,
  focusAreas: z.array(FocusAreaSchema).min(1, 'expected at least one focus area'),
  goals: z.array(GoalSchema).default([]),
  means: z.array(MeansSchema).default([]),
  scorecards: z.array(ScorecardSchema).min(1, 'expected at least one action-plan scorecard'),
  units: UnitsSchema,
  rules: z.array(RuleSchema).min(1, 'expected at least one rule'),
  externalFinancing: z.array(FinancingSchema).default([]),
  projectStatements: ProjectStatementsSchema.nullable().default(null),
  obligations: ObligationsSchema,
  indicators: z.array(IndicatorSchema).default([]),
  owners: z.array(OwnerSchema).default([]),
  alerts: AlertsSchema,
  /** How reports link to Stratsys (optional: without it reports carry no links). */
  links: LinksSchema.nullable().default(null),
});

/** A parsed, cross-checked mapping file: one programme period and how Stratsys data maps onto it. */
export type ProgrammeMapping = z.output<typeof MappingFileSchema> & {
  /** The file it was read from, as given to the loader. */
  file: string;
};
