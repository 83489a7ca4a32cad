import type { ReportType } from '../domain/obligations.js';
import type { UnitKind } from '../domain/programme.js';
import type { StepKind } from './cadence.js';

/** The fixed texts of alert e-mails in one language. Pure data and small formatters. */
export interface AlertMessages {
  /** Put before the subject with a colon; empty for the first alert. */
  subjectPrefix: Record<StepKind, string>;
  /** `3 saknade rapporter 2020` */
  missingCount(count: number, year: number): string;
  /** Used in the subject when more than one unit is concerned. */
  unitCount(count: number): string;
  greeting: string;
  intro(year: number, asOfDay: string): string;
  /** A line about the step; empty for the first alert. */
  stepNote: Record<StepKind, string>;
  /** Shown when the International Office is copied. */
  escalationNote(days: number): string;
  reportType: Record<ReportType, string>;
  unitKind: Record<UnitKind, string>;
  projectsSection: string;
  /** Under a focus area whose owner has no address (its reports come to the International Office). */
  noOwnerNote: string;
  due: string;
  graceUntil: string;
  daysOverdue(days: number): string;
  notFollowedUp: string;
  more(count: number): string;
  reportedBy: string;
  openInStratsys: string;
  delivered(summary: DeliveredSummary): string;
  nothingMissing: string;
  footer: string;
}

/** Counts shown under each focus area: what is already in, so the owner sees the whole picture. */
export interface DeliveredSummary {
  /** On time + late. */
  delivered: number;
  late: number;
  /** Reports with a known state (unknown ones are left out). */
  expected: number;
  notYetDue: number;
  /** Reports of units whose pull failed. */
  unknown: number;
}

const sv: AlertMessages = {
  subjectPrefix: { first: '', reminder: 'Påminnelse', escalation: 'Påminnelse (eskalerad)' },
  missingCount: (count, year) => `${count} ${count === 1 ? 'saknad rapport' : 'saknade rapporter'} ${year}`,
  unitCount: (count) => `${count} förvaltningar/bolag`,
  greeting: 'Hej!',
  intro: (year, asOfDay) => `Följande rapporter för ${year} har inte kommit in i Stratsys (läget ${asOfDay}).`,
  stepNote: {
    first: '',
    reminder: 'Det här är en påminnelse: rapporterna saknas fortfarande.',
    escalation: 'Det här är en påminnelse: rapporterna saknas fortfarande.',
  },
  escalationNote: (days) => `Rapporter som är mer än ${days} dagar sena har eskalerats: Internationella kontoret får en kopia.`,
  reportType: { 'action-plan-follow-up': 'Uppföljning av handlingsplanen', 'project-report': 'Redovisning av externfinansierade projekt' },
  unitKind: { department: 'förvaltning', company: 'bolag', other: 'enhet' },
  projectsSection: 'Redovisning av externfinansierade projekt',
  noOwnerNote: 'Fokusområdet har ingen ansvarig med e-postadress, så rapporterna går till Internationella kontoret.',
  due: 'Förfallodag',
  graceUntil: 'respit t.o.m.',
  daysOverdue: (days) => `försenad ${days} ${days === 1 ? 'dag' : 'dagar'}`,
  notFollowedUp: 'Saknar uppföljning',
  more: (count) => `och ${count} till`,
  reportedBy: 'Rapporterar',
  openInStratsys: 'Öppna i Stratsys',
  delivered: (s) =>
    `Inlämnat: ${s.delivered} av ${s.expected}` +
    (s.late > 0 ? ` (varav ${s.late} sent)` : '') +
    (s.notYetDue > 0 ? `, ${s.notYetDue} ännu inte förfallna` : '') +
    (s.unknown > 0 ? `, ${s.unknown} okända (hämtningen från Stratsys misslyckades)` : '') +
    '.',
  nothingMissing: 'Inget saknas.',
  footer: 'Meddelandet skickas automatiskt av stratsys-sync efter varje uppföljning. Rapporterna lämnas i Stratsys; svara inte på det här meddelandet.',
};

const en: AlertMessages = {
  subjectPrefix: { first: '', reminder: 'Reminder', escalation: 'Reminder (escalated)' },
  missingCount: (count, year) => `${count} missing ${count === 1 ? 'report' : 'reports'} for ${year}`,
  unitCount: (count) => `${count} departments/companies`,
  greeting: 'Hello,',
  intro: (year, asOfDay) => `The following reports for ${year} have not been received in Stratsys (as of ${asOfDay}).`,
  stepNote: {
    first: '',
    reminder: 'This is a reminder: the reports are still missing.',
    escalation: 'This is a reminder: the reports are still missing.',
  },
  escalationNote: (days) => `Reports more than ${days} days overdue have been escalated: the International Office receives a copy.`,
  reportType: { 'action-plan-follow-up': 'Action-plan follow-up', 'project-report': 'Externally financed projects report' },
  unitKind: { department: 'department', company: 'company', other: 'unit' },
  projectsSection: 'Externally financed projects report',
  noOwnerNote: 'This focus area has no owner with an e-mail address, so its reports go to the International Office.',
  due: 'Due',
  graceUntil: 'grace until',
  daysOverdue: (days) => `${days} ${days === 1 ? 'day' : 'days'} overdue`,
  notFollowedUp: 'Not followed up',
  more: (count) => `and ${count} more`,
  reportedBy: 'Reported by',
  openInStratsys: 'Open in Stratsys',
  delivered: (s) =>
    `Delivered: ${s.delivered} of ${s.expected}` +
    (s.late > 0 ? ` (${s.late} late)` : '') +
    (s.notYetDue > 0 ? `, ${s.notYetDue} not yet due` : '') +
    (s.unknown > 0 ? `, ${s.unknown} unknown (the pull from Stratsys failed)` : '') +
    '.',
  nothingMissing: 'Nothing missing.',
  footer: 'This message is sent automatically by stratsys-sync after each follow-up. Reports are made in Stratsys; please do not reply.',
};

/** Texts in `language` (sv by default, as AlertsSchema). */
export function alertMessages(language: 'sv' | 'en'): AlertMessages {
  return language === 'en' ? en : sv;
}
