import type { Evaluation } from '../domain/evaluation.js';
import type { IndicatorValue } from '../domain/indicators.js';
import type { ProgrammeView } from '../domain/programme.js';
import { computeIndicators } from '../indicators/compute.js';
import { assertNoBlockingIssues, type MappingIssue } from '../mapping/engine/issues.js';
import { buildProgrammeView } from '../mapping/engine/programme-view.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { evaluateReports } from '../rules/expected-reports.js';
import type { Snapshot } from '../snapshot/schema.js';

export interface Assessment {
  view: ProgrammeView;
  issues: MappingIssue[];
  evaluation: Evaluation;
  values: IndicatorValue[];
}

/**
 * Snapshot → programme view → expected reports → indicator values, for one reported year as of
 * one instant. Pure: no I/O, no clock.
 */
export function assess(snapshot: Snapshot, mapping: ProgrammeMapping, options: { year: number; asOf: string; timeZone: string }): Assessment {
  const { view, issues } = buildProgrammeView(snapshot, mapping, { timeZone: options.timeZone });
  // A conflict between rules (or another blocking issue) stops the run before anything is written or sent.
  assertNoBlockingIssues(issues);
  const evaluation = evaluateReports({ view, rules: mapping.obligations, year: options.year, asOf: options.asOf, timeZone: options.timeZone });
  const values = computeIndicators({ view, evaluation, definitions: mapping.indicators, year: options.year });
  return { view, issues, evaluation, values };
}
