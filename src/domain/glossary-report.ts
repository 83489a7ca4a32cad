import { GOAL_LEVEL, REPORT_WORDS } from './glossary.js';

/**
 * The Swedish words and sentences of the compilation for the executive board (src/report), part
 * of the glossary (src/domain/glossary.ts holds the terms shared with e-mails and the status page;
 * the report uses those as well). Pure data and formatters.
 */
export const REPORT = {
  /** What the units reported: follow-up texts, goals and project statements (in glossary.ts). */
  reported: REPORT_WORDS,
  /** Goal levels (in glossary.ts). */
  goalLevel: GOAL_LEVEL,
} as const;
