import { describe, expect, it } from 'vitest';
import { composeAlerts } from '../../../src/alerts/compose.js';
import { alertDoneOf, alertRecordOf, alertSourceOf, MAX_ACTIVITY_NAMES, parseAlertRecord } from '../../../src/pipeline/alert-source.js';
import { AppError } from '../../../src/shared/errors.js';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { mappingDigest } from '../../../src/pipeline/run-detail.js';
import { buildActivity } from '../../support/view-builders.js';
import { asOfForDay, buildEvaluation, buildMapping, buildReport, buildScenarioView, ROLE_HOLDERS, scenarioReports } from '../alerts/fixtures.js';

/** What a run records for its alert step: exactly what composing reads, and nothing composed from a record that may be misread. */

const AS_OF = asOfForDay(3);
const mapping = selectPeriod(await loadMappings('mappings'), 2020);
const DIGEST = mappingDigest(mapping, 'Europe/Stockholm');

describe('alertSourceOf', () => {
  it('names the first activities without a follow-up in the view’s order, of the report’s own unit only, and counts the rest', () => {
    const view = buildScenarioView();
    const ids = ['7001', '7002', '7003', '7004', '7005', '7006', '7007'];
    // Listed out of id order in the view; another unit has an activity with one of the same node ids.
    view.activities = [...ids.reverse().map((id) => buildActivity(id, '106', 'social', { name: `Aktivitet ${id}` })), buildActivity('7003', '203', 'social', { name: 'Not 106' })];
    const report = buildReport({ unitId: '106', focusAreaKey: 'social', day: 3, missingNodeIds: ['7001', '7003', '7004', '7005', '7006', '7007', '7002'] });
    const source = alertSourceOf({ view, evaluation: buildEvaluation([report], AS_OF) });
    expect(source.missing).toHaveLength(1);
    expect(source.missing[0]?.notFollowedUp).toEqual(['Aktivitet 7007', 'Aktivitet 7006', 'Aktivitet 7005', 'Aktivitet 7004', 'Aktivitet 7003']);
    expect(source.missing[0]?.notFollowedUp).toHaveLength(MAX_ACTIVITY_NAMES);
    expect(source.missing[0]?.moreNotFollowedUp).toBe(2);
    // A project report lists no activities, whatever its evidence says.
    const project = buildReport({ type: 'project-report', unitId: '106', day: 3, missingNodeIds: ['7001'] });
    expect(alertSourceOf({ view, evaluation: buildEvaluation([project], AS_OF) }).missing[0]).toMatchObject({ notFollowedUp: [], moreNotFollowedUp: 0 });
  });

  it('keeps only the missing reports, with every section’s counts: the focus areas’ summaries, an area only reports carry, and the project reports', () => {
    const reports = [
      ...scenarioReports(3),
      buildReport({ unitId: '203', focusAreaKey: 'kunskap', state: 'on-time' }),
      buildReport({ unitId: '101', focusAreaKey: 'kunskap', day: 3 }),
      buildReport({ type: 'project-report', unitId: '203', state: 'late' }),
      buildReport({ type: 'project-report', unitId: '203', state: 'unknown' }),
    ];
    const source = alertSourceOf({ view: buildScenarioView(), evaluation: buildEvaluation(reports, AS_OF) });
    expect(source.missing.map((report) => report.id)).toEqual(reports.filter((report) => report.state === 'missing').map((report) => report.id));
    expect(source.areaKeys).toEqual(['naringsliv', 'social', 'miljo', 'kunskap']);
    const delivered = new Map(source.delivered.map(({ focusAreaKey, ...counts }) => [focusAreaKey, counts]));
    expect(delivered.get('naringsliv')).toEqual({ delivered: 1, late: 0, expected: 3, notYetDue: 0, unknown: 0 });
    // Not among the evaluation's focus-area summaries: counted from the reports.
    expect(delivered.get('kunskap')).toEqual({ delivered: 1, late: 0, expected: 2, notYetDue: 0, unknown: 0 });
    expect(delivered.get(null)).toEqual({ delivered: 2, late: 1, expected: 3, notYetDue: 0, unknown: 1 });
    expect(source.unitIds).toEqual(['101', '106', '203']);
  });
});

describe('the recorded alert source', () => {
  const source = alertSourceOf({ view: buildScenarioView(), evaluation: buildEvaluation(scenarioReports(3), AS_OF) });
  const holders = { '50/1/5002/1': [{ Id: '9', Email: 'karin.holm@gavle.example', FirstName: 'Karin', LastName: 'Holm', Username: 'karin', PhoneMobile: '070-1234567' }] };

  it('read back as JSON, composes the same e-mails as the source it was made from, keeping of the role holders only what alerts read', () => {
    const record = alertRecordOf('run-1', AS_OF, DIGEST, source, holders);
    const read = parseAlertRecord('run-1', AS_OF, DIGEST, JSON.parse(JSON.stringify(record)));
    if (read === null || 'doneAt' in read) throw new Error(`read as ${JSON.stringify(read)}`);
    expect(read.roleHolders).toEqual({ '50/1/5002/1': [{ Email: 'karin.holm@gavle.example', FirstName: 'Karin', LastName: 'Holm', Username: 'karin' }] });
    const compose = (input: { source: typeof source; roleHolders: typeof ROLE_HOLDERS }) =>
      composeAlerts({ ...input, mapping: buildMapping(), sentEntries: new Set(), asOf: AS_OF }).digests.map((digest) => ({
        to: digest.to,
        subject: digest.subject,
        text: digest.text,
        html: digest.html,
      }));
    const fromRecord = compose({ source: read.source, roleHolders: read.roleHolders });
    expect(fromRecord.length).toBeGreaterThan(1);
    expect(fromRecord).toEqual(compose({ source, roleHolders: holders }));
  });

  it('is null when the run recorded none, and refused (not retried) when it cannot be read, is another run’s or was made with another mapping', () => {
    expect(parseAlertRecord('run-1', AS_OF, DIGEST, null)).toBeNull();
    const record = JSON.parse(JSON.stringify(alertRecordOf('run-1', AS_OF, DIGEST, source, ROLE_HOLDERS))) as Record<string, unknown>;
    const refusal = (recorded: unknown, runId = 'run-1', asOf = AS_OF, digest = DIGEST) => {
      try {
        parseAlertRecord(runId, asOf, digest, recorded);
      } catch (error) {
        return error instanceof AppError ? { code: error.code, retryable: error.retryable, message: error.message } : error;
      }
      return 'accepted';
    };
    expect(refusal({ ...record, format: 2 })).toMatchObject({ code: 'ALERT_SOURCE_INVALID', retryable: false, message: expect.stringContaining('(format: ') });
    const damaged = { ...record, source: { ...(record.source as object), missing: [{ id: 'x' }] } };
    expect(refusal(damaged)).toMatchObject({
      code: 'ALERT_SOURCE_INVALID',
      message: expect.stringMatching(/^the evaluation run run-1 recorded for its alert step cannot be read \(source\.missing\.0\.type: /),
    });
    expect(refusal(record, 'run-2')).toMatchObject({ code: 'ALERT_SOURCE_INVALID', message: expect.stringContaining('is of run run-1') });
    expect(refusal(record, 'run-1', asOfForDay(4))).toMatchObject({ code: 'ALERT_SOURCE_INVALID' });
    // The worker's mapping (or REPORT_TIME_ZONE) is not the one the run evaluated with: its owners and areas may not be the run's.
    const edited = mappingDigest({ ...mapping, name: `${mapping.name} (edited)` }, 'Europe/Stockholm');
    expect(refusal(record, 'run-1', AS_OF, edited)).toMatchObject({
      code: 'ALERT_SOURCE_INVALID',
      retryable: false,
      message: expect.stringContaining('evaluated with another mapping file or REPORT_TIME_ZONE'),
    });
    expect(refusal(record, 'run-1', AS_OF, mappingDigest(mapping, 'Europe/Helsinki'))).toMatchObject({ code: 'ALERT_SOURCE_INVALID' });
    expect(refusal(record)).toBe('accepted');
  });

  it("reads as done, never as none recorded, once the run's alert step is done; a done marker of another run is refused", () => {
    const done = JSON.parse(JSON.stringify(alertDoneOf('run-1', AS_OF, '2021-03-01T02:00:00.000Z'))) as unknown;
    expect(parseAlertRecord('run-1', AS_OF, DIGEST, done)).toEqual({ doneAt: '2021-03-01T02:00:00.000Z' });
    const refused = (runId: string, asOf: string) => {
      try {
        parseAlertRecord(runId, asOf, DIGEST, done);
      } catch (error) {
        return error;
      }
      return 'accepted';
    };
    expect(refused('run-2', AS_OF)).toMatchObject({ code: 'ALERT_SOURCE_INVALID', retryable: false, message: expect.stringContaining("is run run-1's") });
    expect(refused('run-1', asOfForDay(4))).toMatchObject({ code: 'ALERT_SOURCE_INVALID', retryable: false });
    // A marker with anything else in it is no marker: read (and refused) as a damaged record.
    expect(() => parseAlertRecord('run-1', AS_OF, DIGEST, { ...(done as object), source: {} })).toThrow(/cannot be read/);
  });
});
