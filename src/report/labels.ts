import type { Financier, UnitKind } from '../domain/programme.js';
import type { CellState, ReportFocusArea } from './model.js';

/**
 * Swedish words and symbols of the report and the status page. Every state has a symbol and a
 * word, so nothing depends on colour alone.
 */

export const STATE_LABEL: Record<CellState, string> = {
  'on-time': 'I tid',
  late: 'Sent',
  missing: 'Saknas',
  'not-yet-due': 'Ej förfallen',
  unknown: 'Okänt',
  'not-owed': 'Inget krav',
};

/** One glyph per state (present in DejaVu Sans, the fallback font of most Linux systems). */
export const STATE_SYMBOL: Record<CellState, string> = {
  'on-time': '✓',
  late: '!',
  missing: '✗',
  'not-yet-due': '…',
  unknown: '?',
  'not-owed': '–',
};

/** What each state means, for legends. */
export const STATE_MEANING: Record<CellState, string> = {
  'on-time': 'inlämnad senast sista dag (med respit)',
  late: 'inlämnad efter sista dag',
  missing: 'inte inlämnad, sista dag har passerat',
  'not-yet-due': 'inte inlämnad, sista dag har inte passerat',
  unknown: 'hämtningen från Stratsys misslyckades',
  'not-owed': 'enheten har inga aktiviteter här',
};

/** Legend order. */
export const CELL_STATES: readonly CellState[] = ['on-time', 'late', 'missing', 'not-yet-due', 'unknown', 'not-owed'];

/** förvaltning / bolag / övrig. */
export const UNIT_KIND_LABEL: Record<UnitKind, string> = { department: 'förvaltning', company: 'bolag', other: 'övrig' };

/** EU / Övrig internationell. */
export const FINANCIER_LABEL: Record<Financier, string> = { eu: 'EU', international: 'Övrig internationell' };

/** "✗ Saknas" */
export function stateText(state: CellState): string {
  return `${STATE_SYMBOL[state]} ${STATE_LABEL[state]}`;
}

/** "1. Näringslivsprogram"; knowledge-raising efforts keep their name without a number. */
export function focusAreaLabel(area: Pick<ReportFocusArea, 'kind' | 'priority' | 'name'>): string {
  return area.kind === 'knowledge-raising' ? area.name : `${area.priority}. ${area.name}`;
}

/** Words of the follow-up texts, goals, projects and period parts of the report. */
export const REPORT_WORDS = {
  followUpHeading: 'Vad förvaltningarna och bolagen rapporterade',
  goalPrefix: 'Mål',
  status: 'Status',
  means: 'Medel',
  noStatus: 'Utan status',
  noMeans: '–',
  otherGoals: 'Bidrar även till',
  openInStratsys: 'Öppna i Stratsys',
  noLink: 'Ingen länk',
  noFollowUp: (year: number) => `Ingen uppföljning för ${year}.`,
  followUpOf: (year: number) => `Uppföljning ${year}`,
  afterAsOf: 'inlämnad efter läget per-datum, räknas inte här',
  unknownAuthor: 'okänd författare',
  failedUnits: 'Uppgifter saknas (hämtningen från Stratsys misslyckades)',
  noStatement: 'Ingen projektredovisning lämnad.',
  noneStatement: 'Inga externfinansierade projekt',
  noLinksNote: 'Mappningen anger ingen länkmall (links.node), så rapporten länkar inte till Stratsys.',
} as const;

/** Goal levels: kommunövergripande mål and verksamhetsmål. */
export const GOAL_LEVEL_LABEL: Record<'municipality' | 'operational', string> = { municipality: 'Kommunövergripande mål', operational: 'Verksamhetsmål' };
