import { describe, expect, it } from 'vitest';
import { composeAlerts, type ComposeAlertsInput } from '../../../src/alerts/compose.js';
import type { AlertDigest } from '../../../src/alerts/digest.js';
import { isDigestKey } from '../../../src/alerts/keys.js';
import type { RoleHolders } from '../../../src/alerts/recipients.js';
import type { ExpectedReport } from '../../../src/domain/evaluation.js';
import { alertSourceOf } from '../../../src/pipeline/alert-source.js';
import { asOfForDay, buildEvaluation, buildMapping, buildReport, buildScenarioView, EVA, KARIN, OFFICE, ROLE_HOLDERS, scenarioReports } from './fixtures.js';

function input(day: number, overrides: Partial<ComposeAlertsInput> & { reports?: ExpectedReport[] } = {}): ComposeAlertsInput {
  const { reports, ...rest } = overrides;
  const asOf = asOfForDay(Math.max(day, 1));
  return {
    source: alertSourceOf({ evaluation: buildEvaluation(reports ?? scenarioReports(day), asOf), view: buildScenarioView() }),
    mapping: buildMapping(),
    roleHolders: ROLE_HOLDERS,
    sentEntries: new Set(),
    asOf,
    ...rest,
  };
}

const digestTo = (digests: AlertDigest[], address: string) => digests.find((digest) => digest.to[0] === address);

/** Runs compose daily on `days`, recording what it sends, and returns the days on which `address` got an e-mail. */
function dailyRuns(days: number[], address: string, alerts: Record<string, unknown> = {}) {
  const sent = new Set<string>();
  const log: Array<{ day: number; digest: AlertDigest }> = [];
  for (const day of days) {
    for (const digest of composeAlerts(input(day, { sentEntries: sent, mapping: buildMapping({ alerts }) })).digests) {
      digest.entries.forEach((entry) => sent.add(entry));
      if (digest.to[0] === address) log.push({ day, digest });
    }
  }
  return log;
}

describe('composeAlerts: cadence', () => {
  const everyDay = Array.from({ length: 41 }, (_, index) => index);

  it('sends nothing while nothing is overdue (day 0)', () => {
    const plan = composeAlerts(input(0));
    expect(plan.digests).toEqual([]);
  });

  it('daily runs mail the owner on days 1, 8, 15, 22, 29, then 31 (escalation) and 36', () => {
    const log = dailyRuns(everyDay, EVA);
    expect(log.map((entry) => entry.day)).toEqual([1, 8, 15, 22, 29, 31, 36]);
    expect(log.map((entry) => entry.digest.step)).toEqual(['first', 'reminder', 'reminder', 'reminder', 'reminder', 'escalation', 'escalation']);
    expect(log.map((entry) => entry.digest.cc)).toEqual([[], [], [], [], [], [OFFICE], [OFFICE]]);
  });

  it.each([
    { lastRun: 1, day: 1, sends: false, why: 're-run the same day' },
    { lastRun: 1, day: 7, sends: false, why: 'still the first step' },
    { lastRun: 1, day: 8, sends: true, why: 'first reminder' },
    { lastRun: 29, day: 30, sends: false, why: 'still step r4' },
    { lastRun: 29, day: 31, sends: true, why: 'escalation starts a new step' },
    { lastRun: 31, day: 31, sends: false, why: 'escalation already sent' },
  ])('after a run on day $lastRun, day $day sends: $sends ($why)', ({ lastRun, day, sends }) => {
    const sent = new Set(composeAlerts(input(lastRun)).digests.flatMap((digest) => digest.entries));
    const plan = composeAlerts(input(day, { sentEntries: sent }));
    expect(digestTo(plan.digests, EVA) !== undefined).toBe(sends);
    expect(plan.upToDate).toBe(sends ? 0 : 3);
  });

  it('calls the first e-mail about a report a first alert even when it goes out in a later step', () => {
    const late = digestTo(composeAlerts(input(15)).digests, EVA);
    expect(late?.step).toBe('first');
    expect(late?.subject).toBe('2 saknade rapporter 2020 – 2 förvaltningar/bolag');
    // Even a report first alerted about 40 days overdue gets a notice, not a reminder ("Påminnelse").
    const escalatedFirst = digestTo(composeAlerts(input(40)).digests, EVA);
    expect(escalatedFirst?.step).toBe('first');
    expect(escalatedFirst?.subject).not.toMatch(/Påminnelse/);
    const sent = new Set(late?.entries);
    expect(digestTo(composeAlerts(input(40, { sentEntries: sent })).digests, EVA)?.step).toBe('escalation');
  });

  it('honours reminderEveryDays and escalateAfterDays from the mapping', () => {
    const log = dailyRuns(everyDay.slice(0, 12), EVA, { reminderEveryDays: 3, escalateAfterDays: 5 });
    expect(log.map((entry) => `${entry.day}:${entry.digest.step}`)).toEqual(['1:first', '4:reminder', '6:escalation', '7:escalation', '10:escalation']);
  });

  it('drops a report delivered since the last alert and sends nothing new for it', () => {
    const sent = new Set(composeAlerts(input(1)).digests.flatMap((digest) => digest.entries));
    const delivered = scenarioReports(3).map((report) => (report.unitId === '203' ? buildReport({ unitId: '203', state: 'late' }) : report));
    expect(digestTo(composeAlerts(input(3, { reports: delivered, sentEntries: sent })).digests, EVA)).toBeUndefined();
    const later = scenarioReports(8).map((report) => (report.unitId === '203' ? buildReport({ unitId: '203', state: 'late' }) : report));
    const digest = digestTo(composeAlerts(input(8, { reports: later, sentEntries: sent })).digests, EVA);
    expect(digest?.reportIds).toEqual(['action-plan-follow-up-106-2020-naringsliv']);
    expect(digest?.text).toContain('Inlämnat: 2 av 3 (varav 1 sent).');
    expect(digest?.text).not.toContain('Gävle Hamn AB');
  });

  it('keys digests deterministically, without colons or addresses', () => {
    const first = composeAlerts(input(1)).digests;
    const again = composeAlerts(input(1)).digests;
    expect(first.map((digest) => digest.key)).toEqual(again.map((digest) => digest.key));
    for (const digest of first) {
      expect(isDigestKey(digest.key)).toBe(true);
      expect(digest.key).not.toMatch(/[:@]/);
      expect(digest.entries.every((entry) => !entry.includes('@'))).toBe(true);
    }
  });
});

describe('composeAlerts: recipients', () => {
  it('sends one digest per owner: address owner, role owner, International Office', () => {
    const plan = composeAlerts(input(1));
    expect(plan.digests.map((digest) => digest.to[0]).sort()).toEqual([EVA, KARIN, OFFICE].sort());
    expect(digestTo(plan.digests, EVA)?.reportIds).toEqual(['action-plan-follow-up-106-2020-naringsliv', 'action-plan-follow-up-203-2020-naringsliv']);
    expect(digestTo(plan.digests, KARIN)?.reportIds).toEqual(['action-plan-follow-up-106-2020-social']);
  });

  it('sends project reports and areas without an owner address to the International Office, and reports the area', () => {
    const plan = composeAlerts(input(1));
    const office = digestTo(plan.digests, OFFICE);
    expect(office?.reportIds).toEqual(['action-plan-follow-up-101-2020-miljo', 'project-report-106-2020']);
    expect(office?.text).toContain('Fokusområdet har ingen ansvarig med e-postadress');
    expect(office?.text).toContain('Redovisning av externfinansierade projekt');
    expect(plan.ownersWithoutAddress).toEqual([{ focusAreaKey: 'miljo', focusAreaName: 'Miljöstrategiskt program', reason: 'not-configured', missingReports: 1 }]);
  });

  it.each<{ roleHolders: RoleHolders; reason: string }>([
    { roleHolders: {}, reason: 'role-not-pulled' },
    { roleHolders: { '50/1/5002/1': [] }, reason: 'no-email' },
    { roleHolders: { '50/1/5002/1': [{ Email: null, Username: 'x' }] }, reason: 'no-email' },
    { roleHolders: { '50/1/5002/1': [{ Email: 'karin@gavle.example\r\nBcc: evil@evil.example' }] }, reason: 'no-email' },
  ])('a role owner without a usable address ($reason) falls back to the International Office', ({ roleHolders, reason }) => {
    const plan = composeAlerts(input(1, { roleHolders }));
    expect(plan.ownersWithoutAddress.find((owner) => owner.focusAreaKey === 'social')?.reason).toBe(reason);
    expect(digestTo(plan.digests, OFFICE)?.reportIds).toContain('action-plan-follow-up-106-2020-social');
    expect(plan.digests.flatMap((digest) => [...digest.to, ...digest.cc]).join(' ')).not.toContain('evil');
  });

  it('puts all areas of one owner into one digest', () => {
    const mapping = buildMapping({
      owners: [
        { focusArea: 'naringsliv', emails: [EVA] },
        { focusArea: 'social', emails: ['EVA.Nordin@gavle.example'] },
      ],
    });
    const plan = composeAlerts(input(1, { mapping }));
    const eva = plan.digests.filter((digest) => digest.to[0]?.toLowerCase() === EVA);
    expect(eva).toHaveLength(1);
    expect(eva[0]?.reportIds).toHaveLength(3);
  });

  it('does not copy the International Office to itself on escalation', () => {
    const office = digestTo(composeAlerts(input(31, { sentEntries: new Set(digestTo(composeAlerts(input(29)).digests, OFFICE)?.entries) })).digests, OFFICE);
    expect(office?.step).toBe('escalation');
    expect(office?.cc).toEqual([]);
  });
});
