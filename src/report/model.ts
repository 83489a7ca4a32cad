import type { ReportProgress, ReportState, ReportSummary } from '../domain/evaluation.js';
import type { CellState, FundsCompilation, ReportFocusArea, ReportUnit } from './model-parts.js';
import type { ReportedPart } from './model-reported.js';

/**
 * The yearly compilation for the executive board (Kommunstyrelsen), as plain data: built by
 * `buildYearReport` (src/report/build.ts) from an Assessment, rendered by the HTML, CSV and
 * Markdown renderers. Instants are ISO 8601 UTC strings; calendar days are `yyyy-MM-dd` in the
 * report time zone; amounts are whole SEK.
 */

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
