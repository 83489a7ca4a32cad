/**
 * The Swedish words of the compilation's project funds, part of the glossary (see
 * src/domain/glossary-report.ts). Pure data and formatters.
 */

/** The year's granted project funds: groups, columns, captions and notes. */
export const FUNDS = {
  total: 'Totalt',
  noFocusArea: 'Utan fokusområde',
  noProgramme: 'Ej angiven',
  noProjects: 'Inga projekt.',
  columns: { eu: 'EU (kr)', international: 'Övrig internationell (kr)', total: 'Totalt (kr)', projects: 'Projekt', withoutAmount: 'Utan belopp' },
  groupColumn: { focusArea: 'Fokusområde', unit: 'Förvaltning/bolag', financier: 'Finansiär', programme: 'Program/finansiär', year: 'År' },
  projectColumns: {
    project: 'Projekt',
    unit: 'Förvaltning/bolag',
    focusArea: 'Fokusområde',
    financier: 'Finansiär',
    programme: 'Program/finansiär',
    granted: 'Beviljat (kr)',
    countedIn: 'Räknas år',
    note: 'Anmärkning',
    link: 'Länk',
    rawAmount: 'Belopp som det står i Stratsys',
  },
  amountMissing: 'Belopp saknas i Stratsys',
  amountUnreadable: (text: string) => `Belopp oläsligt: "${text}"`,
  noYears: 'räknas inget år',
  years: (years: readonly number[]) => years.join(', '),
  caption: {
    byFocusArea: (year: number) => `Beviljade medel ${year} per fokusområde`,
    byUnit: (year: number) => `Beviljade medel ${year} per förvaltning/bolag`,
    byFinancier: (year: number) => `Beviljade medel ${year} per finansiär`,
    byProgramme: (year: number) => `Beviljade medel ${year} per program/finansiär`,
    projects: (year: number) => `Externfinansierade projekt som räknas ${year}`,
    withoutYear: 'Projekt som inte räknas något år (ej medräknade)',
  },
  noProjectsIn: (year: number) => `Inga projekt räknas ${year}.`,
  heading: (year: number) => `Beviljade EU-/internationella projektmedel ${year}`,
  summary: (year: number, amount: string, projects: number) =>
    `Beviljade EU-/internationella projektmedel ${year} för förvaltningarnas och bolagens externfinansierade projekt: ${amount} i ${projects} projekt.`,
  withoutAmountNote: (count: number, list: string) => `${count} projekt saknar läsbart belopp i Stratsys och räknas som 0 kr: ${list}.`,
  withoutYearNote: (count: number, list: string) => `${count} projekt räknas inte in något år (inget beviljat år, eller åren ligger utanför programperioden): ${list}.`,
  projectOf: (project: string, unit: string) => `${project} (${unit})`,
} as const;

/** Projects and funds over the programme period, in the yearly report. */
export const PROGRAMME_FUNDS = {
  heading: (from: number, to: number) => `Projekt och medel under programperioden ${from}–${to}`,
  intro: (from: number, to: number, projects: number, amount: string) =>
    `Alla externfinansierade (EU-/internationella) projekt som finns i Stratsys för programperioden ${from}–${to}, oavsett vilket år de beviljades: ${projects} projekt som räknas något år, sammanlagt ${amount} (varje projekt räknat en gång).`,
  rule: 'Ett projekt räknas det år medlen beviljades när finansieringsregeln anger ett årsfält, annars varje programår projektet pågår; bara år då förvaltningen/bolaget ingår i programmet. Kolumnen för ett år är samma siffra som årets egen sammanställning; ett projekt som räknas flera år ingår i varje sådant år men bara en gång i hela perioden.',
  unreadableNote: (count: number) => `${count} projekt har ett belopp som saknas eller inte gick att läsa; de räknas som 0 kr och listas nedan med texten som den står i Stratsys.`,
  wholePeriod: 'Hela perioden (kr)',
  wholePeriodRow: 'Hela perioden (varje projekt en gång)',
  yearColumn: (year: number) => `${year} (kr)`,
  caption: {
    byYear: (from: number, to: number) => `Beviljade medel per år ${from}–${to}`,
    byFocusArea: (from: number, to: number) => `Beviljade medel per fokusområde och år ${from}–${to}`,
    projects: (from: number, to: number) => `Alla externfinansierade projekt ${from}–${to}`,
    withoutAmount: 'Belopp som saknas eller inte gick att läsa',
  },
  noneWithoutAmount: 'Alla projekt har ett läsbart belopp.',
} as const;
