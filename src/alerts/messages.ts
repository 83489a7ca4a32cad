import type { ReportType } from '../domain/obligations.js';
import type { UnitKind } from '../domain/programme.js';
import { countOf, DUE, MAIL, REPORT_TYPE, TERMS, UNIT_KIND } from '../domain/glossary.js';
import type { StepKind } from './cadence.js';
import type { DeliveredSummary } from '../pipeline/alert-source.js';

/** The fixed texts of alert e-mails in one language. Pure data and small formatters. */
export interface AlertMessages {
  /** Put before the subject with a colon; empty for the first alert. */
  subjectPrefix: Record<StepKind, string>;
  /** `3 saknade rapporter 2020`, `1 saknad rapport 2020` */
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
  /** `Sista dag 2021-01-31 (respit till och med 2021-02-14)`: the due day and the last day of grace, if any. */
  dueWithGrace(dueDay: string, lastGraceDay: string | null): string;
  daysOverdue(days: number): string;
  notFollowedUp: string;
  more(count: number): string;
  reportedBy: string;
  openInStratsys: string;
  delivered(summary: DeliveredSummary): string;
  nothingMissing: string;
  footer: string;
}

/** Swedish: every text from the glossary (src/domain/glossary.ts). */
const sv: AlertMessages = {
  subjectPrefix: MAIL.subjectPrefix,
  missingCount: (count, year) => `${countOf(count, TERMS.missingReport)} ${year}`,
  unitCount: (count) => countOf(count, TERMS.unit),
  greeting: MAIL.greeting,
  intro: MAIL.intro,
  stepNote: { first: '', reminder: MAIL.reminderNote, escalation: MAIL.reminderNote },
  escalationNote: MAIL.escalationNote,
  reportType: REPORT_TYPE,
  unitKind: { department: UNIT_KIND.department.one, company: UNIT_KIND.company.one, other: UNIT_KIND.other.one },
  projectsSection: REPORT_TYPE['project-report'],
  noOwnerNote: MAIL.noOwnerNote,
  dueWithGrace: DUE.dueWithGrace,
  daysOverdue: DUE.overdue,
  notFollowedUp: MAIL.notFollowedUp,
  more: MAIL.more,
  reportedBy: MAIL.reportedBy,
  openInStratsys: MAIL.openInStratsys,
  delivered: MAIL.delivered,
  nothingMissing: MAIL.nothingMissing,
  footer: MAIL.footer,
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
  dueWithGrace: (dueDay, lastGraceDay) => `Due ${dueDay}${lastGraceDay === null ? '' : ` (grace until ${lastGraceDay})`}`,
  daysOverdue: (days) => `${days} ${days === 1 ? 'day' : 'days'} overdue`,
  notFollowedUp: 'Not followed up',
  more: (count) => `and ${count} more`,
  reportedBy: 'Reported by',
  openInStratsys: 'Open in Stratsys',
  delivered: (s) =>
    `Delivered: ${s.delivered} of ${s.expected}` +
    (s.late > 0 ? ` (${s.late} late)` : '') +
    (s.notYetDue > 0 ? `, ${s.notYetDue} not yet due` : '') +
    (s.unknown > 0 ? `, ${s.unknown} unknown (the pull from Stratsys failed, or a follow-up date could not be read)` : '') +
    '.',
  nothingMissing: 'Nothing missing.',
  footer: 'This message is sent automatically by stratsys-sync after each follow-up. Reports are made in Stratsys; please do not reply.',
};

/** Texts in `language` (sv by default, as AlertsSchema). */
export function alertMessages(language: 'sv' | 'en'): AlertMessages {
  return language === 'en' ? en : sv;
}
