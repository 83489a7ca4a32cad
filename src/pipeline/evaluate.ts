import type { Evaluation } from '../domain/evaluation.js';
import type { IndicatorValue } from '../domain/indicators.js';
import type { ProgrammeView } from '../domain/programme.js';
import { computeIndicators } from '../indicators/compute.js';
import { assertNoBlockingIssues, type MappingIssue } from '../mapping/engine/issues.js';
import { buildProgrammeView, programmeViewBuilder, type ProgrammeViewResult, type ViewBase } from '../mapping/engine/programme-view.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { evaluateReports } from '../rules/expected-reports.js';
import type { Snapshot, UnitFailure, UnitSnapshot } from '../snapshot/schema.js';

export interface Assessment {
  view: ProgrammeView;
  issues: MappingIssue[];
  evaluation: Evaluation;
  values: IndicatorValue[];
}

/** Options of an assessment: the reported year, as of which instant, in which time zone. */
export interface AssessOptions {
  year: number;
  asOf: string;
  timeZone: string;
}

/**
 * An assessment made one unit at a time (see programmeViewBuilder): units fed with `addUnit` can
 * be let go once fed, so a large tenant's units are never all in memory; `finish` evaluates the
 * reports and indicators and returns assess's result for the units fed.
 */
export interface AssessmentBuilder {
  addUnit(unit: UnitSnapshot): void;
  finish(failures: readonly UnitFailure[]): Assessment;
}

/** A builder of the assessment of `base` under `mapping` (see AssessmentBuilder). */
export function assessmentBuilder(base: ViewBase, mapping: ProgrammeMapping, options: AssessOptions): AssessmentBuilder {
  const view = programmeViewBuilder(base, mapping, { timeZone: options.timeZone, followUpYear: options.year });
  return {
    addUnit: (unit) => view.addUnit(unit),
    finish: (failures) => evaluated(view.finish(failures), mapping, options),
  };
}

/**
 * Snapshot → programme view → expected reports → indicator values, for one reported year as of
 * one instant. Pure: no I/O, no clock. The same as assessmentBuilder fed every unit.
 */
export function assess(snapshot: Snapshot, mapping: ProgrammeMapping, options: AssessOptions): Assessment {
  return evaluated(buildProgrammeView(snapshot, mapping, { timeZone: options.timeZone, followUpYear: options.year }), mapping, options);
}

function evaluated({ view, issues }: ProgrammeViewResult, mapping: ProgrammeMapping, options: AssessOptions): Assessment {
  // A conflict between rules (or another blocking issue) stops the run before anything is written or sent.
  assertNoBlockingIssues(issues);
  const evaluation = evaluateReports({ view, rules: mapping.obligations, year: options.year, asOf: options.asOf, timeZone: options.timeZone });
  const values = computeIndicators({ view, evaluation, definitions: mapping.indicators, year: options.year });
  return { view, issues, evaluation, values };
}
