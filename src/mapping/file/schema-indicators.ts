import { z } from 'zod';
import { INDICATOR_MEASURES, type IndicatorDefinition, type KpiColumnSelector } from '../../domain/indicators.js';
import { IdSchema, KeySchema, TextSchema, requireOneOf, strict } from './schema-common.js';

/** `indicators`: the KPI values to write back, exactly IndicatorDefinition (src/domain/indicators.ts). */

/** `{ id: 90011 }`, `{ name: Utfall }` or `{ index: 0 }`: exactly one, as the API requires. */
export const ColumnSelectorSchema = strict({
  id: IdSchema.optional(),
  name: TextSchema.optional(),
  index: z.number().int().min(0).optional(),
})
  .superRefine(requireOneOf(['id', 'name', 'index']))
  .transform((value): KpiColumnSelector => {
    if (value.id !== undefined) return { id: value.id };
    if (value.name !== undefined) return { name: value.name };
    return { index: value.index ?? 0 };
  });

/** One indicator: exactly IndicatorDefinition, with defaults null and scope-dependent fields checked. */
export const IndicatorSchema = strict({
  key: KeySchema,
  measure: z.enum(INDICATOR_MEASURES),
  reportType: z.enum(['action-plan-follow-up', 'project-report']).nullable().default(null),
  filter: TextSchema.nullable().default(null),
  scope: z.enum(['total', 'focus-area', 'unit']),
  kpiId: IdSchema,
  departmentId: IdSchema.nullable().default(null),
  column: ColumnSelectorSchema.nullable().default(null),
  columnsByFocusArea: z.record(z.string(), ColumnSelectorSchema).nullable().default(null),
}).superRefine(checkScope);

function checkScope(value: IndicatorDefinition, ctx: z.RefinementCtx): void {
  const need = (key: keyof IndicatorDefinition, why: string) => {
    if (value[key] === null) ctx.addIssue({ code: 'custom', path: [key], message: `required when ${why}` });
  };
  const forbid = (key: keyof IndicatorDefinition, why: string) => {
    if (value[key] !== null) ctx.addIssue({ code: 'custom', path: [key], message: `not allowed when ${why}` });
  };
  if (value.scope === 'focus-area') {
    need('columnsByFocusArea', 'scope is focus-area');
    need('departmentId', 'scope is focus-area');
    forbid('column', 'scope is focus-area (use columnsByFocusArea)');
  } else {
    need('column', `scope is ${value.scope}`);
    forbid('columnsByFocusArea', `scope is ${value.scope}`);
    if (value.scope === 'total') need('departmentId', 'scope is total');
    else forbid('departmentId', 'scope is unit (the value is written for each unit itself)');
  }
  if (value.measure === 'activities-by-status' || value.measure === 'activities-by-means') need('filter', `measure is ${value.measure}`);
}

/** Compile-time proof that a parsed indicator is exactly IndicatorDefinition. */
const _isDefinition = (value: z.output<typeof IndicatorSchema>): IndicatorDefinition => value;
void _isDefinition;
