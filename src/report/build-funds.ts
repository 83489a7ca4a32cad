import type { Evaluation } from '../domain/evaluation.js';
import type { ExternalProject, ProgrammeView } from '../domain/programme.js';
import { countedYears } from '../indicators/measures.js';
import { isUnitActiveInYear } from '../rules/units.js';
import { compileFunds, type ProjectContext } from './funds.js';
import type { FundsCompilation, ReportFocusArea, ReportUnit } from './model-parts.js';
import type { NodeLinker } from './permalink.js';
import { compileProgrammeFunds } from './programme-funds.js';

/**
 * Whether a unit owes reports in a programme year: for the reported year, the evaluation's units;
 * for the other years, units of the kinds the obligation rules name, active in that year (as the
 * evaluation of that year selects them, also when no unit of a kind is active in the reported year).
 */
function takesPartIn(view: ProgrammeView, evaluation: Evaluation): (unitId: string, year: number) => boolean {
  const owing = new Set(evaluation.units.map((unit) => unit.unitId));
  const kinds = new Set(evaluation.owingKinds);
  const units = new Map(view.units.map((unit) => [unit.id, unit]));
  return (unitId, year) => {
    if (year === evaluation.year) return owing.has(unitId);
    const unit = units.get(unitId);
    return unit !== undefined && kinds.has(unit.kind) && isUnitActiveInYear(unit, view.period, year);
  };
}

/**
 * The year's granted funds (`granted`: the projects the granted-SEK indicator counts in the year)
 * and the programme period's projects and funds, each project with the programme years it counts
 * in (countedYears, src/indicators/measures.ts, while its unit owes reports) and its permalink.
 */
export function buildFunds(input: {
  view: ProgrammeView;
  evaluation: Evaluation;
  granted: readonly ExternalProject[];
  focusAreas: readonly ReportFocusArea[];
  units: readonly ReportUnit[];
  link: NodeLinker;
}): FundsCompilation {
  const { view, evaluation } = input;
  const years = Array.from({ length: view.period.endYear - view.period.startYear + 1 }, (_, i) => view.period.startYear + i);
  const takesPart = takesPartIn(view, evaluation);
  const scorecards = new Map(view.activities.map((a) => [`${a.unitId}|${a.nodeId}`, a.scorecardId]));
  const context: ProjectContext = {
    focusAreas: input.focusAreas,
    unitNames: new Map(view.units.map((unit) => [unit.id, unit.name])),
    unitOrder: new Map(input.units.map((unit, index) => [unit.unitId, index])),
    countedIn: (p) => countedYears(p).filter((year) => years.includes(year) && takesPart(p.unitId, year)),
    link: (p) => input.link({ nodeId: p.nodeId, unitId: p.unitId, scorecardId: scorecards.get(`${p.unitId}|${p.nodeId}`) ?? null }),
  };
  const owing = new Set(input.units.map((unit) => unit.unitId));
  const undated = [...new Map(view.projects.filter((p) => countedYears(p).length === 0 && owing.has(p.unitId)).map((p) => [p.nodeId, p])).values()];
  return {
    ...compileFunds({ granted: input.granted, undated, context }),
    programme: compileProgrammeFunds({ projects: view.projects, years, context }),
  };
}
