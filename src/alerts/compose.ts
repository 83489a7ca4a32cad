import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { AlertReport, AlertSource } from '../pipeline/alert-source.js';
import { cadenceStep, mostAdvancedKind, type AlertPolicy, type CadenceStep, type StepKind } from './cadence.js';
import type { AlertDigest, AlertPlan, DigestContent, DigestSection } from './digest.js';
import { digestKeyOf, entryIdOf, ownerIdOf } from './keys.js';
import { alertMessages } from './messages.js';
import { resolveOwners, type AlertMapping, type OwnerDirectory, type RoleHolders } from './recipients.js';
import { renderHtml } from './render-html.js';
import { renderSubject, renderText } from './render-text.js';
import { buildSection, missingReportsOf, type SectionSource } from './sections.js';

/**
 * Decides which alert e-mails to send. Pure: no I/O and no clock (`asOf` is an argument; the
 * ledger's state comes in as `sentEntries`).
 *
 * Every missing report goes to the owners of its focus area (mapping addresses and role holders),
 * or to the International Office when the area has no owner address and for project reports.
 * Each recipient gets at most one digest, listing all their missing reports per area plus what is
 * already delivered, and only when at least one listed report is in a cadence step the recipient
 * was not yet told about (its ledger entry is not in `sentEntries`). A digest with an escalated
 * new step copies the International Office.
 */
export interface ComposeAlertsInput {
  /** What the run's evaluation says (src/pipeline/alert-source.ts). */
  source: AlertSource;
  mapping: AlertMapping;
  roleHolders: RoleHolders;
  /** Ledger entries already sent for the evaluation's year (AlertLedger.sentEntries). */
  sentEntries: ReadonlySet<string>;
  /** ISO 8601 instant the alert is composed for (shown as the "as of" day). */
  asOf: string;
  /** Unit id → who reports for the unit (display names), where known. Default: none known. */
  reporters?: ReadonlyMap<string, readonly string[]>;
}

interface Assignment {
  address: string;
  /** Area keys in section order; null = project reports. */
  areas: Array<string | null>;
  fallbackAreas: Set<string>;
}

/** The digests to send now and the focus areas without an owner address. */
export function composeAlerts(input: ComposeAlertsInput): AlertPlan {
  const { alerts } = input.mapping;
  const policy: AlertPolicy = { reminderEveryDays: alerts.reminderEveryDays, escalateAfterDays: alerts.escalateAfterDays };
  const directory = resolveOwners(input.mapping, input.source.focusAreas, input.roleHolders);
  const assignments = assignAreas(input, directory);
  const digests = [...assignments.values()].flatMap((assignment) => {
    const digest = composeDigest(input, policy, assignment);
    return digest === null ? [] : [digest];
  });
  const ownersWithoutAddress = directory.withoutAddress.map((owner) => ({
    ...owner,
    missingReports: missingReportsOf(input.source, owner.focusAreaKey).length,
  }));
  const withMissing = [...assignments.values()].filter((assignment) => assignment.areas.some((area) => missingReportsOf(input.source, area).length > 0));
  return {
    digests: digests.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    ownersWithoutAddress,
    upToDate: withMissing.length - digests.length,
  };
}

/** Recipient (lower-cased address) → the areas they hear about, in priority order, projects last. */
function assignAreas(input: ComposeAlertsInput, directory: OwnerDirectory): Map<string, Assignment> {
  const office = input.mapping.alerts.internationalOffice;
  const assignments = new Map<string, Assignment>();
  const assign = (address: string, area: string | null, isFallback: boolean) => {
    const entry = assignments.get(address.toLowerCase()) ?? { address, areas: [], fallbackAreas: new Set<string>() };
    if (!entry.areas.includes(area)) entry.areas.push(area);
    if (isFallback && area !== null) entry.fallbackAreas.add(area);
    assignments.set(address.toLowerCase(), entry);
  };
  for (const key of input.source.areaKeys) {
    const owners = directory.addresses.get(key);
    if (owners === undefined) assign(office, key, true);
    else for (const owner of owners) assign(owner, key, false);
  }
  assign(office, null, false);
  return assignments;
}

function composeDigest(input: ComposeAlertsInput, policy: AlertPolicy, assignment: Assignment): AlertDigest | null {
  const ownerId = ownerIdOf(assignment.address);
  const reports = assignment.areas.flatMap((area) => missingReportsOf(input.source, area));
  const steps = new Map(reports.map((report) => [report.id, stepOfMissing(report, policy)]));
  const stepOf = (report: AlertReport): CadenceStep => steps.get(report.id) ?? stepOfMissing(report, policy);
  const toldBefore = reportsAlerted(input.sentEntries, ownerId);
  const pending = reports.flatMap((report) => {
    const step = stepOf(report);
    const entry = entryIdOf(ownerId, report.id, step.id);
    // The first message about a report is a notice, also when it is already escalated (the
    // International Office is copied all the same); only later ones are reminders.
    const kind: StepKind = !toldBefore.has(report.id) ? 'first' : step.isEscalated ? 'escalation' : 'reminder';
    return input.sentEntries.has(entry) ? [] : [{ entry, step, kind }];
  });
  if (pending.length === 0) return null;
  const office = input.mapping.alerts.internationalOffice;
  const content: DigestContent = {
    language: input.mapping.alerts.language,
    year: input.source.year,
    asOfDay: localDay(input.asOf, input.source.timeZone),
    step: mostAdvancedKind(pending.map((item) => item.kind)),
    isCopiedToOffice: office.toLowerCase() !== assignment.address.toLowerCase() && pending.some((item) => item.step.isEscalated),
    escalateAfterDays: policy.escalateAfterDays,
    sections: buildSections(input, assignment, (report) => stepOf(report).isEscalated),
  };
  const subject = renderSubject(content);
  const entries = pending.map((item) => item.entry);
  return {
    key: digestKeyOf(input.source.year, ownerId, entries),
    ownerId,
    to: [assignment.address],
    cc: content.isCopiedToOffice ? [office] : [],
    subject,
    text: renderText(content),
    html: renderHtml(content, subject),
    reportIds: reports.map((report) => report.id),
    entries,
    step: content.step,
    year: input.source.year,
    language: content.language,
  };
}

/** Report ids `ownerId` was already alerted about, in any step (entries `<ownerId>/<reportId>/<stepId>`). */
function reportsAlerted(sentEntries: ReadonlySet<string>, ownerId: string): Set<string> {
  const prefix = `${ownerId}/`;
  const ids = new Set<string>();
  for (const entry of sentEntries) if (entry.startsWith(prefix)) ids.add(entry.slice(prefix.length, entry.lastIndexOf('/')));
  return ids;
}

/** The cadence step of a missing report (a missing report is at least 1 day overdue). */
function stepOfMissing(report: AlertReport, policy: AlertPolicy): CadenceStep {
  return cadenceStep(Math.max(1, report.daysOverdue ?? 1), policy) ?? FIRST_STEP;
}

const FIRST_STEP: CadenceStep = { reminder: 0, isEscalated: false, id: 'r0', kind: 'first' };

function buildSections(input: ComposeAlertsInput, assignment: Assignment, isEscalated: (report: AlertReport) => boolean): DigestSection[] {
  const source: SectionSource = {
    alerts: input.source,
    reporters: input.reporters ?? new Map(),
    projectsTitle: alertMessages(input.mapping.alerts.language).projectsSection,
  };
  return assignment.areas.flatMap((area) => {
    const section = buildSection(source, area, area !== null && assignment.fallbackAreas.has(area), isEscalated);
    return section === null ? [] : [section];
  });
}

/** `yyyy-MM-dd` of an instant in the time zone. */
function localDay(instant: string, timeZone: string): string {
  return format(new TZDate(Date.parse(instant), timeZone), 'yyyy-MM-dd');
}
