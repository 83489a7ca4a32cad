import type { ReportState } from './evaluation.js';
import type { ReportType } from './obligations.js';
import type { Financier, UnitKind } from './programme.js';

/**
 * Every Swedish word and sentence people read: e-mails, the status page and the report's shared
 * terms. One term per concept (a unit is a "förvaltning/bolag", a due day is "sista dag", the
 * evaluation instant is "läge per"), with singular and plural forms. A test fails when Swedish
 * text appears outside this module (test/unit/domain/glossary.test.ts). Pure data and formatters.
 */

/** A countable term: `one` after 1, `many` after any other number (Swedish: 0, 2, 21 take the plural). */
export interface Term {
  one: string;
  many: string;
}

/** `1 saknad rapport`, `3 saknade rapporter`, `0 saknade rapporter`. */
export function countOf(count: number, term: Term): string {
  return `${count} ${count === 1 ? term.one : term.many}`;
}

/** The countable terms. */
export const TERMS = {
  report: { one: 'rapport', many: 'rapporter' },
  missingReport: { one: 'saknad rapport', many: 'saknade rapporter' },
  unknownReport: { one: 'okänd', many: 'okända' },
  notYetDueReport: { one: 'ännu inte förfallen', many: 'ännu inte förfallna' },
  unit: { one: 'förvaltning/bolag', many: 'förvaltningar/bolag' },
  day: { one: 'dag', many: 'dagar' },
  hour: { one: 'timme', many: 'timmar' },
  failedJob: { one: 'misslyckat jobb', many: 'misslyckade jobb' },
  writtenValue: { one: 'skrivet', many: 'skrivna' },
  unchangedValue: { one: 'oförändrat', many: 'oförändrade' },
  heldBackValue: { one: 'undanhållet', many: 'undanhållna' },
} as const satisfies Record<string, Term>;

/** Kinds of units, singular and plural. */
export const UNIT_KIND: Record<UnitKind, Term> = {
  department: { one: 'förvaltning', many: 'förvaltningar' },
  company: { one: 'bolag', many: 'bolag' },
  other: { one: 'övrig enhet', many: 'övriga enheter' },
};

/** The two yearly reports. */
export const REPORT_TYPE: Record<ReportType, string> = {
  'action-plan-follow-up': 'Uppföljning av handlingsplanen',
  'project-report': 'Redovisning av externfinansierade projekt',
};

/** EU / Övrig internationell. */
export const FINANCIER: Record<Financier, string> = { eu: 'EU', international: 'Övrig internationell' };

/** A report state, or `not-owed` where nothing is owed. */
export type StateKey = ReportState | 'not-owed';

/** Report states: symbol (never colour alone), word and meaning (for legends). */
export const STATE: Record<StateKey, { symbol: string; label: string; meaning: string }> = {
  'on-time': { symbol: '✓', label: 'I tid', meaning: 'inlämnad senast sista dag (med respit)' },
  late: { symbol: '!', label: 'Sent', meaning: 'inlämnad efter sista dag' },
  missing: { symbol: '✗', label: 'Saknas', meaning: 'inte inlämnad, sista dag har passerat' },
  'not-yet-due': { symbol: '…', label: 'Ej förfallen', meaning: 'inte inlämnad, sista dag har inte passerat' },
  unknown: { symbol: '?', label: 'Okänt', meaning: 'hämtningen från Stratsys misslyckades, eller ett datum i en uppföljning gick inte att läsa' },
  'not-owed': { symbol: '–', label: 'Inget krav', meaning: 'enheten har inga aktiviteter här' },
};

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
export const GOAL_LEVEL: Record<'municipality' | 'operational', string> = { municipality: 'Kommunövergripande mål', operational: 'Verksamhetsmål' };

/** Dates and lateness: the due day, its grace and the days overdue counted from the end of grace. */
export const DUE = {
  dueDay: 'Sista dag',
  asOf: 'Läge per',
  /** `respit till och med 2021-02-14`: the last day that still counts as on time. */
  graceUntil: (lastGraceDay: string) => `respit till och med ${lastGraceDay}`,
  /** `Sista dag 2021-01-31 (respit till och med 2021-02-14)`. */
  dueWithGrace: (dueDay: string, lastGraceDay: string | null) => `Sista dag ${dueDay}${lastGraceDay === null ? '' : ` (${DUE.graceUntil(lastGraceDay)})`}`,
  /** `försenad 15 dagar` (counted from the end of the grace period). */
  overdue: (days: number) => `försenad ${countOf(days, TERMS.day)}`,
  /** `läge per 2021-03-01`. */
  asOfDay: (day: string) => `läge per ${day}`,
} as const;

/** The Swedish alert e-mail (src/alerts/messages.ts uses these). */
export const MAIL = {
  /** Subject prefix: nothing for the first message about a report, then a reminder. */
  subjectPrefix: { first: '', reminder: 'Påminnelse', escalation: 'Påminnelse (eskalerad)' },
  greeting: 'Hej!',
  intro: (year: number, asOfDay: string) => `Följande rapporter för ${year} har inte kommit in i Stratsys (${DUE.asOfDay(asOfDay)}).`,
  reminderNote: 'Det här är en påminnelse: rapporterna saknas fortfarande.',
  escalationNote: (days: number) => `Rapporter som är försenade mer än ${countOf(days, TERMS.day)} har eskalerats: Internationella kontoret får en kopia.`,
  noOwnerNote: 'Fokusområdet har ingen ansvarig med e-postadress, så rapporterna går till Internationella kontoret.',
  notFollowedUp: 'Saknar uppföljning',
  more: (count: number) => `och ${count} till`,
  reportedBy: 'Rapporterar',
  openInStratsys: 'Öppna i Stratsys',
  delivered: (s: { delivered: number; late: number; expected: number; notYetDue: number; unknown: number }) =>
    `Inlämnat: ${s.delivered} av ${s.expected}` +
    (s.late > 0 ? ` (varav ${s.late} sent)` : '') +
    (s.notYetDue > 0 ? `, ${countOf(s.notYetDue, TERMS.notYetDueReport)}` : '') +
    (s.unknown > 0 ? `, ${countOf(s.unknown, TERMS.unknownReport)} (hämtningen från Stratsys misslyckades, eller ett uppföljningsdatum gick inte att läsa)` : '') +
    '.',
  nothingMissing: 'Inget saknas.',
  footer: 'Meddelandet skickas automatiskt av stratsys-sync efter varje uppföljning. Rapporterna lämnas i Stratsys; svara inte på det här meddelandet.',
} as const;

/** Run and import outcomes, queues and job states on the status page. */
export const OPERATIONS = {
  runOutcome: { complete: '✓ Komplett', partial: '! Delvis', failed: '✗ Misslyckad', none: '– Ingen körning än' },
  unitOutcome: { ok: '✓ OK', failed: '✗ Misslyckad', none: '– Ingen import än' },
  runKind: { nightly: 'nattlig', rerun: 'omkörning', once: 'engångskörning' },
  queue: { control: 'Styrning', import: 'Import', evaluate: 'Utvärdering', alerts: 'E-post', report: 'Rapportfiler' },
  jobState: {
    waiting: 'Väntar',
    active: 'Pågår',
    delayed: 'Fördröjda',
    'waiting-children': 'Väntar på delsteg',
    prioritized: 'Prioriterade',
    completed: 'Klara',
    failed: 'Misslyckade',
  },
  /** What an import error means, by its code; the technical reason stays in the page's tooltip. */
  importError: (code: string) => IMPORT_ERROR[code] ?? 'Importen misslyckades av ett oväntat skäl (se loggen).',
} as const;

const IMPORT_ERROR: Record<string, string> = {
  STRATSYS_HTTP: 'Stratsys svarade med ett fel.',
  STRATSYS_AUTH_FAILED: 'Stratsys godtog inte inloggningsuppgifterna.',
  STRATSYS_RATE_LIMITED: 'Stratsys begränsade antalet anrop; försök igen senare.',
  STRATSYS_NETWORK: 'Stratsys gick inte att nå.',
  STRATSYS_RESPONSE_INVALID: 'Stratsys svar hade oväntat innehåll.',
  UNKNOWN_DEPARTMENT: 'Förvaltningen/bolaget finns inte i Stratsys.',
  PAYLOAD_INVALID: 'Jobbet hade ogiltiga uppgifter.',
  STATUS_UNREADABLE: 'Resultatet av förra importen gick inte att läsa; nästa import ersätter det.',
};

/** The status page's own texts. */
export const PAGE = {
  title: (year: number) => `Status ${year} – stratsys-sync`,
  heading: 'Stratsys-sync · status',
  skipLink: 'Hoppa till innehållet',
  links: 'Länkar',
  yearReport: (year: number, format: string) => `Årsrapport ${year} (${format})`,
  queueBoard: 'Köer (Bull Board)',
  logOut: 'Logga ut',
  reportedYear: 'Rapporterat år',
  show: 'Visa',
  pageTime: (when: string, timeZone: string) => `Sidan visar läget ${when} (${timeZone}, lokal tid). Ladda om sidan för att se nya körningar.`,
  /** Under the matrix heading: the instant the year is evaluated as of. */
  reportAsOf: (when: string) => `${DUE.asOf} ${when}.`,
  statusHeading: (year: number) => `Rapporteringsläge ${year}`,
  importsHeading: `Import per ${TERMS.unit.one}`,
  importsIntro: (year: number) => `”Kör om import” hämtar uppgifterna från Stratsys igen och utvärderar året ${year} på nytt. Svaret visas vid knappen.`,
  queuesHeading: 'Köernas läge',
  queuesNote: 'för att se enskilda jobb och köra om misslyckade.',
  openBoard: 'Öppna Bull Board',
  lastNightly: 'Senaste nattliga körning',
  lastNightlySuccess: 'Senaste lyckade nattliga körning',
  lastRun: 'Senaste körning',
  reportsOf: (year: number) => `Rapporter ${year}`,
  queues: 'Köer',
  noneYet: '– Ingen än',
  olderThan: (hours: number) => `! Äldre än ${countOf(hours, TERMS.hour)}`,
  current: '✓ Aktuell',
  missingCount: (count: number) => `✗ ${count} saknas`,
  noneMissing: '✓ Inga saknas',
  deliveredOf: (delivered: number, expected: number, share: string) => `${delivered} av ${expected} levererade (${share})`,
  unknownCount: (count: number) => `, ${countOf(count, TERMS.unknownReport)}`,
  failedJobs: (count: number) => (count > 0 ? `! ${countOf(count, TERMS.failedJob)}` : '✓ Inga misslyckade jobb'),
  busyJobs: (busy: number, delayed: number) => `Väntar eller pågår: ${busy} · fördröjda eller schemalagda: ${delayed}`,
  runLine: (kind: string, year: number) => `${kind} · år ${year}`,
  runCounts: (units: number, written: number, unchanged: number, heldBack: number) =>
    `${countOf(units, TERMS.unit)} · värden: ${countOf(written, TERMS.writtenValue)}, ${countOf(unchanged, TERMS.unchangedValue)}, ${countOf(heldBack, TERMS.heldBackValue)}`,
  failedUnits: (names: string) => `Hämtningen misslyckades för: ${names}`,
  /** The run's report files, by the state its report job recorded. */
  runReport: {
    pending: 'Rapportfilerna skrivs (rapportkön)',
    written: 'Rapportfilerna är skrivna',
    superseded: 'Rapportfilerna skrevs inte: en senare körning har hämtat om uppgifterna, och dess rapport gäller',
    failed: 'Rapportfilerna kunde inte skrivas',
  },
  rerun: 'Kör om import',
  rerunFor: (unit: string) => ` för ${unit}`,
  noUnits: 'Inget har hämtats än.',
  unitsCaption: `Senaste import per ${TERMS.unit.one}`,
  unitColumns: ['Förvaltning/bolag', 'Senaste import', 'Resultat', 'Senaste lyckade hämtning', 'Anrop', 'Fel', 'Åtgärd'],
  queueColumn: 'Kö',
  queuesCaption: 'Jobb per kö och läge',
  paused: '! Pausad',
  nothingPulled: 'Inget har hämtats från Stratsys än: kör en synkronisering först.',
  noProgramme: (year: number) => `Inget program i mappningen omfattar ${year}.`,
  /** Outcomes of a re-run button (shown without a reload; no job ids). */
  rerunOutcome: {
    sending: '… Skickar',
    queued: '✓ Köad: importen körs strax. Ladda om sidan för att se resultatet.',
    existing: '… Redan köad eller pågående.',
    notFound: '✗ Förvaltningen/bolaget finns inte i den senaste hämtningen.',
    nothingPulled: '✗ Inget hämtat än: kör en synkronisering först.',
    failed: '✗ Det gick inte att köa omkörningen (se loggen).',
    network: '✗ Servern gick inte att nå.',
  },
  login: {
    title: 'Logga in – stratsys-sync',
    heading: 'Logga in',
    intro: 'Statussidan och rapporterna kräver administratörstoken (ADMIN_TOKEN).',
    token: 'Token',
    submit: 'Logga in',
    wrongToken: 'Fel token. Försök igen.',
    tooManyAttempts: (minutes: number) => `För många felaktiga försök. Försök igen om ${minutes} min.`,
  },
} as const;
