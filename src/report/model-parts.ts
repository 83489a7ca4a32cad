import type { ReportState } from '../domain/evaluation.js';
import type { Financier, FocusAreaKind, UnitKind } from '../domain/programme.js';

/**
 * The parts of the yearly compilation (src/report/model.ts) that its pieces share: a cell's state,
 * a focus area and a unit as the report shows them, and the project and funds rows of the year and
 * of the programme period. Kept apart from YearReport so the pieces (model-reported.ts, funds.ts,
 * programme-funds.ts, labels.ts) never import the whole.
 */

/** A cell of the unit × focus-area overview: a report state, or `not-owed` when nothing is owed there. */
export type CellState = ReportState | 'not-owed';

/** A focus area of the period, as the report shows it. */
export interface ReportFocusArea {
  key: string;
  name: string;
  /** 1 is the highest; knowledge-raising efforts sort last. */
  priority: number;
  kind: FocusAreaKind;
}

/** A department or company that owes reports in the year. */
export interface ReportUnit {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  /** The unit's pull failed: every report of it is `unknown`. */
  isFailed: boolean;
}

/** An externally financed project in the compilation. */
export interface ProjectRow {
  nodeId: string;
  name: string;
  unitId: string;
  unitName: string;
  focusAreaKey: string | null;
  /** The focus area as labelled in the report ("1. Näringslivsprogram"); null without one. */
  focusAreaName: string | null;
  financier: Financier;
  financierName: string | null;
  /** Whole SEK; null when Stratsys has none (flagged). */
  grantedSek: number | null;
  /** The amount as typed in Stratsys, shown when it could not be read. */
  grantedText: string | null;
  /** Grant year from the financing rule's year field; null when none or unreadable. */
  year: number | null;
  /**
   * The programme years the project counts in (see countedYears in src/indicators/measures.ts),
   * within the period and while its unit takes part in the programme; ascending.
   */
  countedYears: number[];
  /** Permalink to the project's node in Stratsys as seen from its unit; null without a link template. */
  link: string | null;
}

/** Granted funds of one group (a focus area, a unit, a financier or a programme). */
export interface FundsRow {
  /** Group key (focus-area key, unit id, financier, programme name); null = "none given". */
  key: string | null;
  label: string;
  /** Whole SEK per financier; projects without an amount add 0. */
  eu: number;
  international: number;
  total: number;
  projects: number;
  /** Projects in the group without an amount. */
  withoutAmount: number;
}

/** The compilation of granted EU/international project funds for the year. */
export interface FundsCompilation {
  /** Projects granted in the year, by units that owe reports (as KPI "granted SEK" counts them). */
  projects: ProjectRow[];
  byFocusArea: FundsRow[];
  byUnit: FundsRow[];
  byFinancier: FundsRow[];
  /** By programme or funder name (e.g. "Interreg Central Baltic"). */
  byProgramme: FundsRow[];
  total: FundsRow;
  /** Projects of the year without an amount (flagged). */
  withoutAmount: ProjectRow[];
  /** Projects of units that owe reports that count in no programme year (flagged). */
  withoutYear: ProjectRow[];
  /** Every project found over the programme period (see src/report/programme-funds.ts). */
  programme: ProgrammeFunds;
}

/** One group's granted funds per programme year, and over the whole period with each project once. */
export interface PeriodFundsRow {
  /** Focus-area key; null for "Utan fokusområde" and for the total. */
  key: string | null;
  label: string;
  /** Per programme year (ProgrammeFunds.years order): the projects counted in that year. */
  perYear: FundsRow[];
  /** The whole period, each project once (a project counted in three years adds its amount once). */
  period: FundsRow;
}

/** Every externally financed project found over the programme period, and its totals. */
export interface ProgrammeFunds {
  /** The programme years, ascending. */
  years: number[];
  /** Every project found, one row per node, in programme order (focus area, unit, name). */
  projects: ProjectRow[];
  /** Per year: EU, other international, total, projects, projects without an amount. */
  byYear: FundsRow[];
  /** Everything over the period, each project once. */
  total: FundsRow;
  /** Per focus area: per year and over the period. */
  byFocusArea: PeriodFundsRow[];
  /** Projects whose amount is missing or could not be read (its text as typed in Stratsys, if any). */
  withoutAmount: ProjectRow[];
  /** Projects found that count in no programme year. */
  notCounted: ProjectRow[];
}
