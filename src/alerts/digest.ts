import type { ReportType } from '../domain/obligations.js';
import type { UnitKind } from '../domain/programme.js';
import type { StepKind } from './cadence.js';
import type { DeliveredSummary } from '../pipeline/alert-source.js';
import type { OwnerWithoutAddress } from './recipients.js';

/**
 * The alert e-mail model: what compose decides (AlertDigest) and the language-free content it is
 * rendered from (DigestContent). Texts from Stratsys are already one line here (control characters
 * replaced by spaces); HTML escaping happens in the HTML renderer.
 */

/** One missing report as an e-mail lists it. */
export interface DigestRow {
  reportId: string;
  unitName: string;
  unitKind: UnitKind;
  type: ReportType;
  year: number;
  /** Nominal due day, `yyyy-MM-dd` (report time zone). */
  dueDate: string;
  /** Last on-time day with grace (`yyyy-MM-dd`), or null when there is no grace. */
  lastOnTimeDay: string | null;
  /** Local calendar days overdue, ≥ 1. */
  daysOverdue: number;
  /** Names of the unit's activities without a follow-up (action plan; at most a few). */
  notFollowedUp: string[];
  /** How many more activities lack a follow-up than `notFollowedUp` names. */
  moreNotFollowedUp: number;
  /** Who reports for the unit, where known. */
  reportedBy: string[];
  /** http(s) link into Stratsys, or null. */
  reportUrl: string | null;
  isEscalated: boolean;
}

/** One focus area (or the project reports, key null) of a digest. */
export interface DigestSection {
  focusAreaKey: string | null;
  title: string;
  /** The area has no owner address: the International Office gets its reports. */
  isFallback: boolean;
  rows: DigestRow[];
  delivered: DeliveredSummary;
}

/** Everything an e-mail says, before rendering: language, year, step and the sections. */
export interface DigestContent {
  language: 'sv' | 'en';
  year: number;
  /** The as-of day, `yyyy-MM-dd` in the report time zone. */
  asOfDay: string;
  step: StepKind;
  /** The International Office is copied (some new step is escalated). */
  isCopiedToOffice: boolean;
  escalateAfterDays: number;
  sections: DigestSection[];
}

/** One e-mail to send: to one recipient, about all their missing reports. */
export interface AlertDigest {
  /** Ledger key, `alert-<year>-<ownerId>-<hash>` (see keys.ts). */
  key: string;
  /** Address-free id of the recipient. */
  ownerId: string;
  to: string[];
  /** The International Office on escalations; empty otherwise. */
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** Every missing report the e-mail lists (the recipient's whole picture). */
  reportIds: string[];
  /** Ledger entries it records: the listed reports whose current step the recipient was not yet told about. */
  entries: string[];
  /**
   * What kind of e-mail it is: `first` unless the recipient was alerted about one of the new
   * reports before; then `escalation` if such a report's new step is escalated, else `reminder`.
   */
  step: StepKind;
  year: number;
  language: 'sv' | 'en';
}

/** What the alert step would send now. */
export interface AlertPlan {
  digests: AlertDigest[];
  /** Focus areas without an owner address (their reports go to the International Office). */
  ownersWithoutAddress: OwnerWithoutAddress[];
  /** Recipients with missing reports who were already alerted about all of them in their current step. */
  upToDate: number;
}
