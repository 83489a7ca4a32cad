import type { EvaluatedUnit } from '../domain/evaluation.js';
import { REPORT_MEASURES, TOTAL_COLUMN_KEY, type IndicatorDefinition, type IndicatorMeasure, type KpiColumnSelector } from '../domain/indicators.js';
import type { ProgrammeView } from '../domain/programme.js';
import { sortedUniqueIds } from '../rules/order.js';
import { sortFocusAreas } from '../rules/units.js';
import { AppError } from '../shared/errors.js';
import type { MeasureData, Slice } from './measures.js';

export { TOTAL_COLUMN_KEY };

/** Where one value of a definition goes, what it covers and what it depends on. */
export interface Target {
  departmentId: string;
  column: KpiColumnSelector;
  slice: Slice;
  /** Sorted unit ids whose data the value depends on. */
  dependsOnUnitIds: string[];
  /** Human name of the slice: `total`, a focus-area name or a unit name. */
  scopeLabel: string;
}

const REPORT_MEASURE_SET: ReadonlySet<IndicatorMeasure> = new Set(REPORT_MEASURES);

/**
 * The values a definition produces. `total`: one, for `departmentId`/`column`. `focus-area`: the
 * `total` column first when present (same value as the total scope), then one per focus area of
 * the period that has a column, in priority order. `unit`: one per unit that owes reports of the
 * definition's type in Y (all owing units for activity and project measures), by name (sv),
 * written for the unit itself. Throws MAPPING_INVALID when a needed field is null or a column
 * names a focus area the period lacks.
 */
export function expandTargets(definition: IndicatorDefinition, view: ProgrammeView, data: MeasureData): Target[] {
  const units = scopeUnits(definition, data);
  const unlistedFailed = view.failedUnitIds.filter((id) => !view.units.some((unit) => unit.id === id));
  const total = (column: KpiColumnSelector | null): Target => ({
    departmentId: required(definition, 'departmentId', definition.departmentId),
    column: required(definition, 'column', column),
    slice: { focusAreaKey: null, unitId: null },
    dependsOnUnitIds: sortedUniqueIds([...units.map((unit) => unit.unitId), ...unlistedFailed]),
    scopeLabel: 'total',
  });
  switch (definition.scope) {
    case 'total':
      return [total(definition.column)];
    case 'unit':
      return units.map((unit) => ({
        departmentId: unit.unitId,
        column: required(definition, 'column', definition.column),
        slice: { focusAreaKey: null, unitId: unit.unitId },
        dependsOnUnitIds: [unit.unitId],
        scopeLabel: unit.unitName,
      }));
    case 'focus-area':
      return expandFocusAreas(definition, view, data, units, unlistedFailed, total);
  }
}

function expandFocusAreas(
  definition: IndicatorDefinition,
  view: ProgrammeView,
  data: MeasureData,
  units: readonly EvaluatedUnit[],
  unlistedFailed: readonly string[],
  total: (column: KpiColumnSelector) => Target,
): Target[] {
  const columns = required(definition, 'columnsByFocusArea', definition.columnsByFocusArea);
  const areas = sortFocusAreas(view.period.focusAreas);
  const stray = Object.keys(columns).filter((key) => key !== TOTAL_COLUMN_KEY && !areas.some((area) => area.key === key));
  if (stray.length > 0) {
    throw new AppError('MAPPING_INVALID', `indicator ${definition.key}: no focus area ${stray.join(', ')} in the period`, {
      details: { indicatorKey: definition.key, focusAreaKeys: stray },
    });
  }
  const totalColumn = columns[TOTAL_COLUMN_KEY];
  const overall = totalColumn === undefined ? [] : [total(totalColumn)];
  const departmentId = required(definition, 'departmentId', definition.departmentId);
  return [
    ...overall,
    ...areas.flatMap((area) => {
      const column = columns[area.key];
      if (column === undefined) return [];
      const involved = unitsInFocusArea(data, area.key);
      const depends = units.filter((unit) => unit.isFailed || involved.has(unit.unitId)).map((unit) => unit.unitId);
      const slice = { focusAreaKey: area.key, unitId: null };
      return [{ departmentId, column, slice, dependsOnUnitIds: sortedUniqueIds([...depends, ...unlistedFailed]), scopeLabel: area.name }];
    }),
  ];
}

/** Units counted by a definition: owing its report type (or any) for report measures, else all owing units. */
function scopeUnits(definition: IndicatorDefinition, data: MeasureData): EvaluatedUnit[] {
  const type = definition.reportType;
  if (!REPORT_MEASURE_SET.has(definition.measure) || type === null) return data.evaluation.units;
  return data.evaluation.units.filter((unit) => unit.reportTypes.includes(type));
}

const unitsByFocusArea = new WeakMap<MeasureData, Map<string, Set<string>>>();

/** Units with a report, an activity or a project in the focus area (all focus areas found in one pass per MeasureData). */
function unitsInFocusArea(data: MeasureData, focusAreaKey: string): Set<string> {
  let byArea = unitsByFocusArea.get(data);
  if (byArea === undefined) {
    const found = new Map<string, Set<string>>();
    const add = (key: string | null, unitId: string) => {
      if (key === null) return;
      const units = found.get(key);
      if (units === undefined) found.set(key, new Set([unitId]));
      else units.add(unitId);
    };
    for (const report of data.evaluation.reports) add(report.focusAreaKey, report.unitId);
    for (const [key, pool] of data.byFocusArea) {
      for (const activity of pool.activities) add(key, activity.unitId);
      for (const project of pool.projects) add(key, project.unitId);
    }
    unitsByFocusArea.set(data, (byArea = found));
  }
  return byArea.get(focusAreaKey) ?? new Set();
}

function required<T>(definition: IndicatorDefinition, field: string, value: T | null): T {
  if (value === null) {
    throw new AppError('MAPPING_INVALID', `indicator ${definition.key} (${definition.scope} scope) needs ${field}`, {
      details: { indicatorKey: definition.key, field },
    });
  }
  return value;
}
