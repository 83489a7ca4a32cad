import type { ReportProgress, ReportState, ReportSummary } from '../domain/evaluation.js';
import type { Financier, FocusAreaKind, UnitKind } from '../domain/programme.js';
import type { ReportedPart } from './model-reported.js';
import type { ProgrammeFunds } from './programme-funds.js';

/**
 * The yearly compilation for the executive board (Kommunstyrelsen), as plain data: built by
 * `buildYearReport` (src/report/build.ts) from an Assessment, rendered by the HTML, CSV and
 * Markdown renderers. Instants are ISO 8601 UTC strings; calendar days are `yyyy-MM-dd` in the
 * report time zone; amounts are whole SEK.
 */

/** A cell of the unit × focus-area overview: a report state, or `not-owed` when nothing is owed there. */
export type CellState = ReportState | 'not-owed';

/** Run metadata that is not part of the Assessment. */
export interface ReportMeta {
  tenantId: string;
  /** When the report was made, ISO 8601 UTC (the run's end, or the request time). */
  generatedAt: string;
  /** The run the data comes from, when there is one. */
  runId: string | null;
  /** When the data was pulled from Stratsys (the snapshot), ISO 8601 UTC; null when unknown. */
  pulledAt: string | null;
}

/** How the report links to Stratsys: the mapping's `links.node` template and the Stratsys origin. */
export interface ReportLinks {
  /** Permalink template (see src/mapping/file/schema-links.ts); null: no links. */
  nodeTemplate: string | null;
  /** Scheme and host of STRATSYS_BASE_URL, for `{origin}`. */
  origin: string | null;
  /** The node units comment on about their projects, for the statements' link. */
  statementNodeId: string | null;
}

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

/** One unit's report in one group (a focus area's follow-up, or the project report). */
export interface DeliveryRow {
  unit: ReportUnit;
  state: ReportState;
  /** ISO 8601 UTC, or null when not delivered. */
  deliveredAt: string | null;
  /** Nominal due day, `yyyy-MM-dd` (before grace days). */
  dueDate: string;
  /** Last on-time instant, ISO 8601 UTC. */
  dueAt: string;
  /** Local calendar days late (`late`) or overdue (`missing`), else null. */
  days: number | null;
  progress: ReportProgress;
  /** Project report: every counted statement says "no externally financed projects". */
  isNoneStatement: boolean;
  /** Permalink of the unit's report in a Stratsys report list, when the due day came from one. */
  reportUrl: string | null;
}

/** Action-plan follow-ups of one focus area. */
export interface FocusAreaDeliveries {
  focusArea: ReportFocusArea;
  summary: ReportSummary;
  rows: DeliveryRow[];
}

/** Units (rows) × focus areas and the project report (columns). */
export interface DeliveryMatrix {
  /** Focus areas in priority order, then the project report (`focusAreaKey` null). */
  columns: Array<{ focusAreaKey: string | null; label: string }>;
  rows: Array<{ unit: ReportUnit; cells: CellState[] }>;
}

/** Activity counts per focus area (rows) and category (columns: a status or a means). */
export interface CountTable {
  columns: string[];
  rows: Array<{ focusArea: ReportFocusArea; counts: number[]; activities: number }>;
  /** Column sums over all focus areas. */
  totals: number[];
  /** Activities counted (one activity can count in several means columns). */
  activities: number;
}

/** An activity of the knowledge-raising efforts, with its unit's follow-up state for the year. */
export interface KnowledgeActivity {
  nodeId: string;
  name: string;
  unit: ReportUnit;
  focusAreaKey: string;
  statusName: string | null;
  meansNames: string[];
  followUp: CellState;
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

/** The whole compilation for one year. */
export interface YearReport {
  programme: { id: string; name: string };
  year: number;
  /** The as-of instant, ISO 8601 UTC. */
  asOf: string;
  /** IANA time zone for dates shown. */
  timeZone: string;
  meta: ReportMeta;
  focusAreas: ReportFocusArea[];
  /** Units that owe reports in the year: departments, then companies, then by name (sv). */
  units: ReportUnit[];
  actionPlan: FocusAreaDeliveries[];
  /** All action-plan follow-ups together (failed units counted once each). */
  actionPlanTotal: ReportSummary;
  projectReports: { summary: ReportSummary; rows: DeliveryRow[] };
  /** Both report types together (the evaluation's total). */
  total: ReportSummary;
  matrix: DeliveryMatrix;
  activitiesByStatus: CountTable;
  activitiesByMeans: CountTable;
  knowledgeRaising: { focusAreas: ReportFocusArea[]; activities: KnowledgeActivity[] };
  funds: FundsCompilation;
  /** What the units reported (texts), the project statements and the contribution to goals. */
  reported: ReportedPart;
}
