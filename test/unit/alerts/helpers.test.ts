import { describe, expect, it } from 'vitest';
import { digestKeyOf, entryIdOf, isDigestKey, ownerIdOf } from '../../../src/alerts/keys.js';
import { formatAlertOutcome, alertFailure, type AlertOutcome } from '../../../src/alerts/outcome.js';
import { normalizeAddress, reportersFromRoleHolders } from '../../../src/alerts/recipients.js';
import { toSendError } from '../../../src/alerts/send-error.js';
import { escapeHtml } from '../../../src/shared/html.js';
import { oneLine, safeHttpUrl } from '../../../src/alerts/text.js';

describe('text safety', () => {
  it.each([
    { input: 'Kultur och fritid', expected: 'Kultur och fritid' },
    { input: 'A\r\nB', expected: 'A B' },
    { input: ' A\t\u0000B\u2028C  ', expected: 'A B C' },
    { input: 'x'.repeat(250), expected: `${'x'.repeat(199)}…` },
  ])('oneLine($input)', ({ input, expected }) => {
    expect(oneLine(input)).toBe(expected);
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it.each([
    { url: 'https://www.stratsys.se/r?a=1&b=2', expected: 'https://www.stratsys.se/r?a=1&b=2' },
    { url: 'http://example.org', expected: 'http://example.org/' },
    { url: 'javascript:alert(1)', expected: null },
    { url: 'https://exa mple.org', expected: null },
    { url: 'https://example.org/\r\nX: y', expected: null },
    { url: null, expected: null },
  ])('safeHttpUrl($url)', ({ url, expected }) => {
    expect(safeHttpUrl(url)).toBe(expected);
  });
});

describe('addresses', () => {
  it.each([
    { raw: ' eva.nordin@gavle.example ', expected: 'eva.nordin@gavle.example' },
    { raw: 'Eva <eva@gavle.example>', expected: null },
    { raw: 'eva@gavle.example\r\nBcc: x@evil.example', expected: null },
    { raw: 'a@b.se, c@d.se', expected: null },
    { raw: 'no-at-sign', expected: null },
    { raw: 'eva@localhost', expected: null },
    { raw: null, expected: null },
  ])('normalizeAddress($raw) → $expected', ({ raw, expected }) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it('reads who reports for a unit from role holders on its activities', () => {
    const reporters = reportersFromRoleHolders(
      {
        '50/106/6101/2': [{ Email: 'a@x.se', FirstName: 'Anna', LastName: 'Andersson' }],
        '50/106/6102/2': [
          { Email: 'a@x.se', FirstName: 'Anna', LastName: 'Andersson' },
          { Email: null, Username: 'bo.berg' },
        ],
        '50/203/6201/1': [{ Email: 'c@x.se', FirstName: 'Cecilia', LastName: null }],
      },
      [
        { scorecardId: '50', unitId: '106', nodeId: '6101' },
        { scorecardId: '50', unitId: '106', nodeId: '6102' },
        { scorecardId: '50', unitId: '203', nodeId: '6201' },
      ],
      '2',
    );
    expect([...reporters]).toEqual([['106', ['Anna Andersson', 'bo.berg']]]);
  });
});

describe('ledger keys', () => {
  it('are deterministic, address-free and colon-free', () => {
    const owner = ownerIdOf('Eva.Nordin@gavle.example');
    expect(owner).toBe(ownerIdOf(' eva.nordin@gavle.example'));
    expect(owner).toMatch(/^[0-9a-f]{16}$/);
    const entries = [entryIdOf(owner, 'project-report-106-2020', 'r0'), entryIdOf(owner, 'action-plan-follow-up-106-2020-naringsliv', 'r4e')];
    const key = digestKeyOf(2020, owner, entries);
    expect(key).toBe(digestKeyOf(2020, owner, [...entries].reverse()));
    expect(key).not.toBe(digestKeyOf(2020, owner, entries.slice(1)));
    expect(isDigestKey(key)).toBe(true);
    expect(key).not.toContain(':');
  });
});

describe('formatAlertOutcome', () => {
  const base: AlertOutcome = { runId: 'run-1', year: 2020, dryRun: false, digests: [], sent: [], skipped: [], pending: [], failed: [], ownersWithoutAddress: [], upToDate: 0, unknownUnitIds: [] };
  const digest = { key: 'alert-2020-aaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb', ownerId: 'aaaaaaaaaaaaaaaa', step: 'first' as const, reportIds: ['r1', 'r2'] };

  it('says when there is nothing to send', () => {
    expect(formatAlertOutcome(base)).toBe('Alerts: nothing overdue.');
    expect(formatAlertOutcome({ ...base, upToDate: 3 })).toBe('Alerts: nothing new; 3 recipients already alerted in the current cadence step.');
    expect(alertFailure(base)).toBeNull();
  });

  it('never says nothing is overdue while units are unknown', () => {
    const text = formatAlertOutcome({ ...base, unknownUnitIds: ['105', '106'] });
    expect(text).not.toMatch(/nothing overdue\./);
    expect(text).toBe(
      'Alerts: nothing overdue among the units that could be read. 2 units have reports in an unknown state (105, 106: pull failed or evidence unreadable): overdue reports there could not be checked and no alert was composed for them.',
    );
  });

  it('says which e-mails another worker holds and when they are checked again', () => {
    const pending = [{ ...digest, leaseLeftMs: 4_200 }];
    expect(formatAlertOutcome({ ...base, pending })).toBe('Alerts: nothing overdue. 1 e-mail is claimed by another worker and not known to be sent; checked again in 5 s, when the claim runs out.');
  });

  it('counts, lists failures and areas without an owner address, and never shows addresses', () => {
    const outcome: AlertOutcome = {
      ...base,
      digests: [{ ...digest, to: ['eva@x.se'], cc: [], subject: '', text: '', html: '', entries: [], year: 2020, language: 'sv' }],
      failed: [{ ...digest, code: 'ALERT_SEND_FAILED', reason: 'SMTP send failed (EENVELOPE 451 on RCPT TO)', retryable: true, attempts: 3, isDelivered: false }],
      ownersWithoutAddress: [{ focusAreaKey: 'ovrigt', focusAreaName: 'Övriga insatser', reason: 'no-email', missingReports: 2 }],
    };
    const text = formatAlertOutcome(outcome);
    expect(text).toBe(
      'Alerts: 0 e-mails sent, 0 already sent in this cadence step, 1 failed (2 missing reports). ' +
        `Failed ${digest.key} after 3 attempts: ALERT_SEND_FAILED SMTP send failed (EENVELOPE 451 on RCPT TO). ` +
        '1 focus area has no owner address, so the International Office gets their alerts: Övriga insatser (no e-mail address for the owner; 2 missing).',
    );
    expect(text).not.toContain('@');
    expect(alertFailure(outcome)).toMatchObject({ code: 'ALERT_SEND_FAILED', retryable: true });
  });

  it('words a dry run as what would be sent', () => {
    const outcome = { ...base, dryRun: true, digests: [{ ...digest, to: [], cc: [], subject: '', text: '', html: '', entries: [], year: 2020, language: 'sv' as const }] };
    expect(formatAlertOutcome(outcome)).toBe('Alerts (dry run): 1 e-mail would be sent about 2 missing reports.');
  });
});

describe('toSendError', () => {
  it.each([
    {
      error: { code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO', permanent: false, response: '451 4.7.1 <eva.nordin@gavle.example>: try later' },
      retryable: true,
      message: 'SMTP send failed (EENVELOPE 451 on RCPT TO): 451 4.7.1 <…>: try later',
    },
    {
      error: { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', permanent: true, response: '550 5.1.1 eva.nordin@gavle.example unknown' },
      retryable: false,
      message: 'SMTP send failed (EENVELOPE 550 on RCPT TO): 550 5.1.1 … unknown',
    },
    { error: { code: 'ECONNECTION' }, retryable: true, message: 'SMTP send failed (ECONNECTION)' },
    { error: { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', permanent: true }, retryable: false, message: 'SMTP send failed (EAUTH 535 on AUTH PLAIN)' },
    { error: new Error('boom'), retryable: false, message: 'SMTP send failed (UNKNOWN)' },
  ])('$message', ({ error, retryable, message }) => {
    const translated = toSendError(Object.assign(new Error('raw'), error));
    expect(translated).toMatchObject({ code: 'ALERT_SEND_FAILED', retryable, message });
    expect(translated.message).not.toContain('@');
  });
});
