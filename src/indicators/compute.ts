import type { Evaluation } from '../domain/evaluation.js';
import type { IndicatorDefinition, IndicatorValue } from '../domain/indicators.js';
import type { ProgrammeView } from '../domain/programme.js';
import { lastDayOfYear } from '../rules/local-dates.js';
import { AppError } from '../shared/errors.js';
import { assertFilter, measureValue, prepareMeasureData, unknownProjectsIn, unknownReportsIn } from './measures.js';
import { expandTargets } from './targets.js';

export interface ComputeIndicatorsInput {
  view: ProgrammeView;
  /** evaluateReports' result for the same view and year. */
  evaluation: Evaluation;
  /** From the mapping file; values come out in this order. */
  definitions: readonly IndicatorDefinition[];
  /** The reported year Y; must equal `evaluation.year`. */
  year: number;
}

/**
 * The KPI values to write back for year Y, dated `Y-12-31`, in definition order and within a
 * definition in scope order (see expandTargets).
 *
 * - Report measures (`expected`, `delivered-on-time`, `delivered-late`, `missing`, `not-yet-due`,
 *   `share-delivered`) count reports, not units, of `reportType` (null = both); `unknown` reports
 *   of failed units are counted by none of them (their values are held back instead).
 * - `share-delivered`: (on time + late) / expected in percent, 0–100, one decimal, half up. When
 *   nothing is expected there is no share, and no value is produced (neither 0 nor 100).
 * - `activities` (`-by-status`: status kind = filter; `-by-means`: means key = filter) count the
 *   activities of units that owe reports in Y; an activity without status matches no status.
 * - `projects` / `granted-sek` count / sum in SEK the external projects (EU or international
 *   financier) counted in Y of units that owe reports in Y: granted in Y when the financing rule
 *   names a year field (an empty one counts in no year); else in each programme year the project
 *   runs (see runningYears in src/mapping/engine/projects.ts). A project without an amount (blank) adds
 *   0 SEK; one whose amount text could not be read makes the value unknown (`unknownProjectIds`).
 *
 * `dependsOnUnitIds`: a unit value depends on its unit; a total on every unit counted by the
 * definition; a focus-area value on the units with a report, activity or project there plus every
 * failed unit counted by the definition (it may owe there). Failed unit ids missing from
 * `view.units` are added to every aggregate: nothing proves they do not count.
 *
 * `unknownReportIds`: the reports a report measure would count in its slice whose state is unknown
 * because evidence could not be read; the value is held back while there are any. Likewise
 * `unknownProjectIds`: the projects a granted-sek value counts whose amount could not be read.
 */
export function computeIndicators(input: ComputeIndicatorsInput): IndicatorValue[] {
  if (input.year !== input.evaluation.year) {
    throw new AppError('INTERNAL', `indicators for ${input.year} asked from an evaluation of ${input.evaluation.year}`, {
      details: { year: input.year, evaluationYear: input.evaluation.year },
    });
  }
  const data = prepareMeasureData(input.view, input.evaluation);
  const date = lastDayOfYear(input.year);
  return input.definitions.flatMap((definition) => {
    assertFilter(definition);
    return expandTargets(definition, input.view, data).flatMap((target) => {
      const value = measureValue(definition, target.slice, data);
      if (value === null) return [];
      return [
        {
          indicatorKey: definition.key,
          kpiId: definition.kpiId,
          departmentId: target.departmentId,
          column: target.column,
          date,
          value,
          dependsOnUnitIds: target.dependsOnUnitIds,
          unknownReportIds: unknownReportsIn(definition, target.slice, data),
          unknownProjectIds: unknownProjectsIn(definition, target.slice, data),
          label: describe(definition, target.scopeLabel),
        },
      ];
    });
  });
}

/** e.g. `missing · Näringslivsprogram`, `activities-by-means (projekt) · total`. */
function describe(definition: IndicatorDefinition, scopeLabel: string): string {
  const filter = definition.filter === null ? '' : ` (${definition.filter})`;
  const type = definition.reportType === null ? '' : ` [${definition.reportType}]`;
  return `${definition.measure}${filter}${type} · ${scopeLabel}`;
}
