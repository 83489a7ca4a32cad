import { FINANCIER, STATE, UNIT_KIND } from '../domain/glossary.js';
import type { Financier, UnitKind } from '../domain/programme.js';
import type { CellState, ReportFocusArea } from './model-parts.js';

/**
 * Swedish words and symbols of the report and the status page, from the glossary
 * (src/domain/glossary.ts). Every state has a symbol and a word, so nothing depends on colour alone.
 */

export const STATE_LABEL: Record<CellState, string> = mapStates((entry) => entry.label);

/** One glyph per state (present in DejaVu Sans, the fallback font of most Linux systems). */
export const STATE_SYMBOL: Record<CellState, string> = mapStates((entry) => entry.symbol);

/** What each state means, for legends. */
export const STATE_MEANING: Record<CellState, string> = mapStates((entry) => entry.meaning);

function mapStates(pick: (entry: (typeof STATE)[CellState]) => string): Record<CellState, string> {
  return Object.fromEntries(Object.entries(STATE).map(([key, entry]) => [key, pick(entry)])) as Record<CellState, string>;
}

/** Legend order. */
export const CELL_STATES: readonly CellState[] = ['on-time', 'late', 'missing', 'not-yet-due', 'unknown', 'not-owed'];

/** förvaltning / bolag / övrig enhet. */
export const UNIT_KIND_LABEL: Record<UnitKind, string> = { department: UNIT_KIND.department.one, company: UNIT_KIND.company.one, other: UNIT_KIND.other.one };

/** EU / Övrig internationell. */
export const FINANCIER_LABEL: Record<Financier, string> = FINANCIER;

/** "✗ Saknas" */
export function stateText(state: CellState): string {
  return `${STATE_SYMBOL[state]} ${STATE_LABEL[state]}`;
}

/** "1. Näringslivsprogram"; knowledge-raising efforts keep their name without a number. */
export function focusAreaLabel(area: Pick<ReportFocusArea, 'kind' | 'priority' | 'name'>): string {
  return area.kind === 'knowledge-raising' ? area.name : `${area.priority}. ${area.name}`;
}

/** Words of the follow-up texts, goals, projects and period parts of the report (in the glossary). */
export { REPORT_WORDS, GOAL_LEVEL as GOAL_LEVEL_LABEL } from '../domain/glossary.js';
