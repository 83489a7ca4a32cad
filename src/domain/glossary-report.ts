import { DUE, GOAL_LEVEL, REPORT_TYPE, REPORT_WORDS } from './glossary.js';
import { FUNDS, PROGRAMME_FUNDS } from './glossary-funds.js';

/**
 * The Swedish words and sentences of the compilation for the executive board (src/report), part
 * of the glossary (src/domain/glossary.ts holds the terms shared with e-mails and the status page;
 * the report uses those as well). Pure data and formatters.
 */
export const REPORT = {
  /** The document around the sections: title, facts, notice, contents, footer. */
  document: {
    kicker: 'Sammanställning till kommunstyrelsen',
    title: (year: number) => `Uppföljning av internationellt arbete ${year}`,
    periodTitle: (from: number, to: number) => `Uppföljning av internationellt arbete ${from}–${to}`,
    periodKicker: 'Underlag för revidering av programmet',
    contents: 'Innehåll',
    legend: 'Teckenförklaring',
    footer: (programmeId: string) => `Underlag: uppföljning och aktiviteter i Stratsys, tolkade enligt programmets mappning (${programmeId}). Sammanställt av stratsys-sync.`,
    facts: { programme: 'Program', year: 'Rapporterat år', asOf: DUE.asOf, pulledAt: 'Data hämtad från Stratsys (tidigast)', generatedAt: 'Sammanställd', run: 'Körning' },
    incomplete: 'Ofullständig sammanställning.',
    failedUnitsNotice: (names: string) => `Uppgifter saknas för ${names}: hämtningen från Stratsys misslyckades, så deras rapporter är okända och ingår inte i andelarna.`,
    unreadableNotice: (count: number) => `${count} rapporter har okänt läge eftersom uppgifterna i Stratsys inte gick att läsa.`,
    aboutSheet: 'Om rapporten',
    sheet: 'Blad',
    none: '–',
  },
  /** Delivery summaries, the follow-ups per focus area, the project reports and the overview. */
  deliveries: {
    summaryColumns: ['Ska lämnas', 'I tid', 'Sent', 'Saknas', 'Ej förfallna', 'Okända', 'Andel levererade (%)'],
    columns: { unit: 'Förvaltning/bolag', kind: 'Typ', state: 'Läge', days: 'Dagar sent/försenad', deliveredAt: 'Inlämnad', dueDay: DUE.dueDay, progress: 'Uppföljda aktiviteter', note: 'Anmärkning', focusArea: 'Fokusområde' },
    progress: (delivered: number, expected: number) => `${delivered} av ${expected}`,
    summaryHeading: 'Sammanfattning',
    summaryIntro: (asOfDay: string) =>
      `Sammanställning till kommunstyrelsen av verksamheternas årliga uppföljning av handlingsplanen per fokusområde och redovisning av externfinansierade (EU-/internationella) projekt, läge per ${asOfDay}.`,
    failedNote: (names: string) => `Hämtningen från Stratsys misslyckades för ${names}. Deras rapporter visas som okända och räknas inte bland dem som ska lämnas.`,
    keyFigures: 'Nyckeltal',
    keyFigureColumns: ['Uppgift', 'Värde'],
    keyFigure: {
      units: 'Förvaltningar och bolag som ska rapportera',
      expected: 'Rapporter som ska lämnas',
      onTime: 'Lämnade i tid',
      late: 'Lämnade sent',
      missing: 'Saknas',
      notYetDue: 'Ej förfallna',
      unknown: 'Okänt läge (hämtning misslyckades eller oläsligt datum)',
      share: 'Andel levererade (%)',
      activities: 'Aktiviteter i handlingsplanen',
      projects: (year: number) => `Externfinansierade projekt som räknas ${year}`,
      granted: (year: number) => `Beviljade projektmedel ${year}`,
      withoutAmount: 'Projekt utan belopp',
      programmeProjects: (from: number, to: number) => `Externfinansierade projekt ${from}–${to}`,
    },
    focusAreasCaption: (year: number) => `Uppföljning av handlingsplanen ${year} per fokusområde`,
    allFocusAreas: 'Uppföljning av handlingsplanen, alla fokusområden',
    projectReportsRow: REPORT_TYPE['project-report'],
    total: 'Totalt',
    noFocusAreas: 'Programmet har inga fokusområden.',
    noUnitsInArea: 'Ingen förvaltning eller inget bolag har aktiviteter i fokusområdet.',
    actionPlanHeading: 'Uppföljning av handlingsplanen per fokusområde',
    actionPlanIntro: 'Varje förvaltning och bolag som har aktiviteter i ett fokusområde ska följa upp dem för året. Andel levererade = (i tid + sent) / ska lämnas.',
    projectReportsCaption: (year: number) => `Redovisning av externfinansierade projekt ${year}`,
    projectReportsHeading: REPORT_TYPE['project-report'],
    noProjectReports: 'Ingen förvaltning eller inget bolag ska redovisa projekt.',
    projectReportsIntro:
      'Varje förvaltning och bolag redovisar årligen sina externfinansierade (EU-/internationella) projekt till Internationella kontoret, även när de inte har några. Tabellen visar läget, texterna följer efter den.',
    matrixCaption: (year: number) => `Rapporteringsläge ${year} per förvaltning/bolag och fokusområde`,
    noUnits: 'Inga förvaltningar eller bolag ska rapportera.',
    matrixHeading: 'Översikt per förvaltning/bolag',
    projectReportColumn: 'Projektredovisning',
  },
  /** The flat sheet: one row per expected report. */
  flat: {
    columns: ['Förvaltning/bolag', 'Typ', 'Rapport', 'Fokusområde', 'Läge', DUE.dueDay, `${DUE.dueDay} med respit`, 'Inlämnad', 'Dagar sent/försenad', 'Uppföljda aktiviteter', 'Rapportlista', 'Stratsys'],
    reportInList: 'Rapport i Stratsys',
    caption: (year: number) => `Alla rapporter ${year}, en rad per rapport`,
    sheet: 'Rapporter',
    none: 'Inga rapporter.',
  },
  /** The activities of the action plan and the knowledge-raising efforts. */
  activities: {
    heading: 'Aktiviteter i handlingsplanen',
    intro: (year: number) => `Handlingsplanens aktiviteter hos förvaltningar och bolag som rapporterar ${year}. En aktivitet kan ha flera medel och räknas då under vart och ett av dem.`,
    byStatus: 'Aktiviteter per fokusområde och status',
    byMeans: 'Aktiviteter per fokusområde och medel',
    focusArea: 'Fokusområde',
    activities: 'Aktiviteter',
    total: 'Totalt',
    noStatus: 'Utan status',
    noMeans: 'Utan medel',
    knowledgeHeading: 'Kunskapshöjande insatser',
    knowledgeCaption: (heading: string) => `${heading}: aktiviteter`,
    knowledgeColumns: (year: number) => ['Aktivitet', 'Förvaltning/bolag', 'Status', 'Medel', `Uppföljning ${year}`],
    noKnowledgeArea: 'Programmet har inget område för kunskapshöjande insatser.',
    none: 'Inga aktiviteter.',
    knowledgeIntro: (year: number) => `Aktiviteterna i programmets område för kunskapshöjande insatser, med förvaltningens eller bolagets uppföljning ${year}.`,
  },
  /** What the units reported: follow-up texts, goals and project statements (in glossary.ts). */
  reported: REPORT_WORDS,
  /** The year's granted project funds (src/domain/glossary-funds.ts). */
  funds: FUNDS,
  /** Projects and funds over the programme period, in the yearly report. */
  programmeFunds: PROGRAMME_FUNDS,
  /** Tables of what the units reported (for CSV and the workbook) and the contribution to goals. */
  reportedTables: {
    followUpColumns: ['Fokusområde', 'Mål', 'Förvaltning/bolag', 'Aktivitet', 'Status', 'Medel', 'Läge', 'Uppföljning', 'Skriven av', 'Inlämnad', 'Länk'],
    followUpCaption: (year: number) => `Uppföljningar ${year} per aktivitet`,
    followUpSheet: 'Uppföljningar',
    noActivities: 'Inga aktiviteter.',
    intro: (year: number, texts: number) =>
      `Förvaltningarnas och bolagens egna uppföljningar av handlingsplanens aktiviteter för ${year}, som de skrivit dem i Stratsys, per fokusområde, mål och förvaltning/bolag. ${texts} texter.`,
    lateNote: (late: number, asOfDay: string) => `${late} av texterna lämnades efter läget per ${asOfDay} och räknas inte som inlämnade i den här sammanställningen.`,
    statementColumns: ['Förvaltning/bolag', 'Läge', 'Anmärkning', 'Redovisning', 'Skriven av', 'Inlämnad', 'Länk'],
    statementCaption: (year: number) => `Projektredovisningarnas text ${year}`,
    statementSheet: 'Projektredovisningar',
    noStatements: 'Inga redovisningar.',
    goalColumns: { goal: 'Mål', level: 'Nivå', counts: ['Aktiviteter', 'Uppföljda', 'Saknas', 'Ej påbörjade', 'Pågående', 'Avslutade'] },
    goalsCaption: (year: number) => `Aktiviteter per mål ${year}`,
    goalsSheet: 'Mål',
    noGoals: 'Mappningen anger inga mål.',
    goalTableColumns: (year: number) => ['Aktivitet', 'Förvaltning/bolag', 'Fokusområde', 'Status', `Uppföljning ${year}`, 'Länk'],
    goalSheet: (index: number) => `Mål ${index}`,
    noContribution: 'Inga aktiviteter bidrar till målet.',
    goalsHeading: 'Bidrag till kommunövergripande mål och verksamhetsmål',
    goalsIntro: (year: number, states: string) =>
      `Det internationella arbetet bidrar till att kommunövergripande mål och verksamhetsmål uppnås. Här är aktiviteterna som enligt mappningen tjänar varje mål, med status och uppföljning ${year} (${states}).`,
    or: 'eller',
    noGoal: 'Utan mål',
    userId: (id: string) => `användare ${id}`,
  },
  /** The bar charts (their figures are in the tables too). */
  charts: {
    deliveriesTitle: 'Uppföljning av handlingsplanen per fokusområde: levererat och saknat',
    deliveriesDesc: 'Staplar per fokusområde: levererade i tid, sent, saknade, ej förfallna och okända uppföljningar. Samma siffror finns i tabellen nedan.',
    delivered: (delivered: number, expected: number, missing: number, share: string) => `${delivered} av ${expected} levererade${missing > 0 ? `, ${missing} saknas` : ''} (${share})`,
    fundsTitle: 'Beviljade projektmedel per fokusområde',
    fundsDesc: 'Staplar per fokusområde med beviljade medel från EU och från övriga internationella finansiärer, i kronor. Samma siffror finns i tabellen nedan.',
    euShort: 'EU',
    internationalShort: 'Int.',
    withoutAmount: (count: number) => ` (${count} utan belopp)`,
    trendTitle: 'Andel levererade uppföljningar per fokusområde och år',
  },
  /** The programme period report (`report --period`). */
  period: {
    trendHeading: 'Trend per fokusområde',
    trendIntro: 'Varje kolumn är samma siffra som i årets egen sammanställning (läge per samma dag).',
    measures: {
      share: 'Andel levererade uppföljningar (%)',
      expected: 'Uppföljningar som ska lämnas',
      late: 'Lämnade sent',
      missing: 'Saknade uppföljningar',
      unknown: 'Okända (hämtning misslyckades eller oläsligt datum)',
      projects: 'Externfinansierade projekt',
      granted: 'Beviljade projektmedel (kr)',
    },
    caption: (measure: string, from: number, to: number) => `${measure} ${from}–${to}`,
    focusArea: 'Fokusområde',
    allFocusAreas: 'Alla fokusområden',
    noFocusAreas: 'Programmet har inga fokusområden.',
  },
  /** Goal levels (in glossary.ts). */
  goalLevel: GOAL_LEVEL,
} as const;
