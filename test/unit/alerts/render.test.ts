import { describe, expect, it } from 'vitest';
import { composeAlerts, type ComposeAlertsInput } from '../../../src/alerts/compose.js';
import type { AlertDigest } from '../../../src/alerts/digest.js';
import type { Evaluation } from '../../../src/domain/evaluation.js';
import type { ProgrammeView } from '../../../src/domain/programme.js';
import { alertSourceOf } from '../../../src/pipeline/alert-source.js';
import { asOfForDay, buildEvaluation, buildMapping, buildReport, buildScenarioView, EVA, OFFICE, ROLE_HOLDERS, scenarioReports } from './fixtures.js';

const HOSTILE = '<script>alert(1)</script>';
const INJECTION = 'Evil AB\r\nBcc: victim@evil.example\r\n\r\n<b>body</b>';

/** The digest to `address` on `day`, composed from the alert source of an evaluation and view (the scenario's unless given). */
function digestFor(day: number, overrides: Partial<Omit<ComposeAlertsInput, 'source'>> & { evaluation?: Evaluation; view?: ProgrammeView } = {}, address = EVA): AlertDigest {
  const asOf = asOfForDay(day);
  const { evaluation = buildEvaluation(scenarioReports(day), asOf), view = buildScenarioView(), ...rest } = overrides;
  const plan = composeAlerts({
    source: alertSourceOf({ evaluation, view }),
    mapping: buildMapping(),
    roleHolders: ROLE_HOLDERS,
    sentEntries: new Set(),
    asOf,
    ...rest,
  });
  const digest = plan.digests.find((entry) => entry.to[0] === address);
  if (!digest) throw new Error(`no digest to ${address}`);
  return digest;
}

function onlyReport(unitName: string, extra: Parameters<typeof buildReport>[0] = { unitId: '106' }) {
  return buildEvaluation([buildReport({ ...extra, unitName, day: 3 })], asOfForDay(3));
}

describe('alert e-mail content (Swedish default)', () => {
  it('has the counts in the subject and every fact per report in both bodies', () => {
    const digest = digestFor(3);
    expect(digest.subject).toBe('2 saknade rapporter 2020 – 2 förvaltningar/bolag');
    for (const body of [digest.text, digest.html]) {
      expect(body).toContain('Näringslivsprogram');
      expect(body).toContain('Kultur och fritid');
      expect(body).toContain('Gävle Hamn AB');
      expect(body).toContain('(bolag)');
      expect(body).toContain('Uppföljning av handlingsplanen 2020');
      expect(body).toContain('Sista dag 2021-01-31 (respit till och med 2021-02-14)');
      expect(body).toContain('försenad 3 dagar');
      expect(body).toContain('Vänortsutbyte med Kiel, Exportfrämjande nätverk');
      expect(body).toContain('Inlämnat: 1 av 3.');
      expect(body).toContain('läge per 2021-02-17');
    }
  });

  it('names the one unit in the subject, and the step', () => {
    const evaluation = onlyReport('Kultur och fritid');
    expect(digestFor(3, { evaluation }).subject).toBe('1 saknad rapport 2020 – Kultur och fritid');
    const sentEntries = new Set(digestFor(3, { evaluation }).entries);
    const reminder = buildEvaluation([buildReport({ unitId: '106', day: 9 })], asOfForDay(9));
    expect(digestFor(9, { evaluation: reminder, sentEntries }).subject).toBe('Påminnelse: 1 saknad rapport 2020 – Kultur och fritid');
  });

  it('links into Stratsys when the report has a URL, and only with http(s)', () => {
    const url = 'https://www.stratsys.se/gavle/report/910?dept=106&year=2020';
    const linked = digestFor(3, { evaluation: onlyReport('Kultur och fritid', { unitId: '106', reportUrl: url }) });
    expect(linked.text).toContain(`Öppna i Stratsys: ${url}`);
    expect(linked.html).toContain(`<a href="https://www.stratsys.se/gavle/report/910?dept=106&amp;year=2020"`);
    const hostile = digestFor(3, { evaluation: onlyReport('Kultur och fritid', { unitId: '106', reportUrl: 'javascript:alert(1)' }) });
    expect(hostile.html).not.toContain('javascript:');
    expect(hostile.text).not.toContain('Öppna i Stratsys');
  });

  it('shows who reports for the unit when it is known', () => {
    const digest = digestFor(3, { reporters: new Map([['106', ['Anna Andersson', 'Bo <b>Berg</b>']]]) });
    expect(digest.text).toContain('Rapporterar: Anna Andersson, Bo <b>Berg</b>');
    expect(digest.html).toContain('Rapporterar: Anna Andersson, Bo &lt;b&gt;Berg&lt;/b&gt;');
  });

  it('names at most five activities, and counts not-yet-due and unknown reports in the delivered line', () => {
    const view = buildScenarioView();
    const nodeIds = ['7001', '7002', '7003', '7004', '7005', '7006', '7007'];
    view.activities.push(...nodeIds.map((nodeId) => ({ ...view.activities[0]!, nodeId, name: `Aktivitet ${nodeId}` })));
    const reports = [buildReport({ unitId: '106', day: 3, missingNodeIds: nodeIds }), buildReport({ unitId: '203', state: 'not-yet-due' }), buildReport({ unitId: '101', state: 'unknown' })];
    const digest = digestFor(3, { view, evaluation: buildEvaluation(reports, asOfForDay(3)) });
    expect(digest.text).toContain('Saknar uppföljning: Aktivitet 7001, Aktivitet 7002, Aktivitet 7003, Aktivitet 7004, Aktivitet 7005, och 2 till');
    expect(digest.text).toContain('Inlämnat: 0 av 2, 1 ännu inte förfallen, 1 okänd (hämtningen från Stratsys misslyckades, eller ett uppföljningsdatum gick inte att läsa).');
    const english = digestFor(3, { view, evaluation: buildEvaluation(reports, asOfForDay(3)), mapping: buildMapping({ alerts: { language: 'en' } }) });
    expect(english.text).toContain('Aktivitet 7005, and 2 more');
    expect(english.text).toContain('Delivered: 0 of 2, 1 not yet due, 1 unknown (the pull from Stratsys failed, or a follow-up date could not be read).');
  });

  it('is a phone-friendly HTML document with inline styles only', () => {
    const { html } = digestFor(3);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('max-width:600px');
    expect(html).not.toMatch(/<style|<script|<img|class=/i);
  });

  it('says the International Office is copied on escalation, and calls only a later message a reminder', () => {
    const first = digestFor(31);
    expect(first.cc).toEqual([OFFICE]);
    expect(first.subject).toBe('2 saknade rapporter 2020 – 2 förvaltningar/bolag');
    expect(first.text).toContain('Internationella kontoret får en kopia');
    expect(first.text).not.toContain('påminnelse');
    const later = digestFor(36, { sentEntries: new Set(digestFor(29).entries) });
    expect(later.cc).toEqual([OFFICE]);
    expect(later.subject).toMatch(/^Påminnelse \(eskalerad\): 2 saknade rapporter 2020/);
    expect(later.text).toContain('Det här är en påminnelse');
  });
});

describe('hostile names from Stratsys', () => {
  it('escapes <script> in HTML and keeps it as text in the plain body', () => {
    const digest = digestFor(3, { evaluation: onlyReport(HOSTILE) });
    expect(digest.html).not.toContain('<script>');
    expect(digest.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(digest.text).toContain(HOSTILE);
    expect(digest.subject).toBe(`1 saknad rapport 2020 – ${HOSTILE}`);
  });

  it('turns CR/LF into spaces: no header injection via the subject, no broken body lines', () => {
    const digest = digestFor(3, { evaluation: onlyReport(INJECTION) });
    expect(digest.subject).not.toMatch(/[\r\n]/);
    expect(digest.subject).toBe('1 saknad rapport 2020 – Evil AB Bcc: victim@evil.example <b>body</b>');
    expect(digest.text).toContain('* Evil AB Bcc: victim@evil.example <b>body</b> (förvaltning)');
    expect(digest.html).toContain('<strong>Evil AB Bcc: victim@evil.example &lt;b&gt;body&lt;/b&gt;</strong>');
    expect(digest.to).toEqual([EVA]);
    expect(digest.cc).toEqual([]);
  });

  it('escapes focus-area and activity names too', () => {
    const view = buildScenarioView();
    view.period.focusAreas[0] = { ...view.period.focusAreas[0]!, name: `Area ${HOSTILE}` };
    view.activities[0] = { ...view.activities[0]!, name: `Act\n${HOSTILE}` };
    const digest = digestFor(3, { view });
    expect(digest.html).not.toContain('<script>');
    expect(digest.text).toContain(`Area ${HOSTILE}`);
    expect(digest.text).toContain(`Act ${HOSTILE}`);
  });
});

describe('English (alerts.language: en)', () => {
  it('writes subject and bodies in English', () => {
    const mapping = buildMapping({ alerts: { language: 'en' } });
    const digest = digestFor(31, { mapping, sentEntries: new Set(digestFor(3, { mapping }).entries) });
    expect(digest.language).toBe('en');
    expect(digest.subject).toBe('Reminder (escalated): 2 missing reports for 2020 – 2 departments/companies');
    for (const body of [digest.text, digest.html]) {
      expect(body).toContain('The following reports for 2020 have not been received in Stratsys (as of 2021-03-17).');
      expect(body).toContain('Action-plan follow-up 2020');
      expect(body).toContain('Due 2021-01-31 (grace until 2021-02-14)');
      expect(body).toContain('31 days overdue');
      expect(body).toContain('Delivered: 1 of 3.');
      expect(body).toContain('the International Office receives a copy');
    }
    expect(digest.html).toContain('<html lang="en">');
  });
});
