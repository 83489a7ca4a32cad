import { afterEach, describe, expect, it } from 'vitest';
import { runAlertStep } from '../../../src/alerts/send-alerts.js';
import { addressesOf, type ReceivedMail } from '../../support/smtp.js';
import { buildReport, EVA, KARIN, OFFICE, scenarioReports } from '../../unit/alerts/fixtures.js';
import { startRig, stepInput, type AlertRig } from './harness.js';

let rig: AlertRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

const mailTo = (received: ReceivedMail[], address: string) => received.filter((mail) => addressesOf(mail.parsed.to).includes(address));

describe('runAlertStep over real SMTP', () => {
  it('sends one digest per owner: envelope, headers, subject and both bodies', async () => {
    rig = await startRig();
    const outcome = await runAlertStep(rig.worker(), stepInput(3));
    expect(outcome.sent).toHaveLength(3);
    expect(rig.listener.received).toHaveLength(3);
    const [eva] = mailTo(rig.listener.received, EVA);
    const digest = outcome.digests.find((entry) => entry.to[0] === EVA);
    expect(eva?.rcptTo).toEqual([EVA]);
    expect(eva?.mailFrom).toBe('noreply@gavle.example');
    expect(eva?.parsed.subject).toBe('2 saknade rapporter 2020 – 2 förvaltningar/bolag');
    expect(eva?.parsed.messageId).toBe(`<${digest?.key}@gavle.example>`);
    expect(eva?.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(eva?.parsed.text).toContain('Gävle Hamn AB (bolag)');
    expect(eva?.parsed.text).toContain('Sista dag 2021-01-31 (respit till och med 2021-02-14) – försenad 3 dagar');
    expect(eva?.parsed.html).toContain('<strong>Kultur och fritid</strong>');
    expect(mailTo(rig.listener.received, KARIN)[0]?.parsed.subject).toBe('1 saknad rapport 2020 – Kultur och fritid');
    expect(mailTo(rig.listener.received, OFFICE)[0]?.parsed.text).toContain('Redovisning av externfinansierade projekt');
    expect(await rig.ledger.sentEntries(2020)).toEqual(new Set(outcome.digests.flatMap((entry) => entry.entries)));
  });

  it('copies the International Office at M days (escalation); the first e-mail is a notice, later ones reminders', async () => {
    rig = await startRig();
    await runAlertStep(rig.worker({ day: 31 }), stepInput(31));
    const [eva] = mailTo(rig.listener.received, EVA);
    expect(eva?.rcptTo.sort()).toEqual([EVA, OFFICE].sort());
    expect(addressesOf(eva?.parsed.cc)).toEqual([OFFICE]);
    expect(eva?.parsed.subject).toBe('2 saknade rapporter 2020 – 2 förvaltningar/bolag');
    await runAlertStep(rig.worker({ day: 36 }), stepInput(36));
    const later = mailTo(rig.listener.received, EVA)[1];
    expect(addressesOf(later?.parsed.cc)).toEqual([OFFICE]);
    expect(later?.parsed.subject).toMatch(/^Påminnelse \(eskalerad\): /);
  });

  it('sends nothing twice within a cadence step across runs, and reminds in the next step', async () => {
    rig = await startRig();
    await runAlertStep(rig.worker({ day: 3 }), stepInput(3));
    const again = await runAlertStep(rig.worker({ day: 5 }), stepInput(5));
    expect(again.digests).toEqual([]);
    expect(again.upToDate).toBe(3);
    expect(rig.listener.received).toHaveLength(3);
    const delivered = scenarioReports(8).map((report) => (report.unitId === '203' ? buildReport({ unitId: '203', state: 'late' }) : report));
    const reminder = await runAlertStep(rig.worker({ day: 8 }), stepInput(8, { reports: delivered }));
    expect(reminder.sent).toHaveLength(3);
    const evaMails = mailTo(rig.listener.received, EVA);
    expect(evaMails).toHaveLength(2);
    expect(evaMails[1]?.parsed.subject).toBe('Påminnelse: 1 saknad rapport 2020 – Kultur och fritid');
    expect(evaMails[1]?.parsed.text).not.toContain('Gävle Hamn AB');
  });

  it('sends each digest once when two workers share one Redis ledger', async () => {
    rig = await startRig();
    const [a, b] = await Promise.all([
      runAlertStep(rig.worker({ separateLedger: true }), stepInput(3, { runId: 'worker-a' })),
      runAlertStep(rig.worker({ separateLedger: true }), stepInput(3, { runId: 'worker-b' })),
    ]);
    expect(rig.listener.received).toHaveLength(3);
    for (const address of [EVA, KARIN, OFFICE]) expect(mailTo(rig.listener.received, address)).toHaveLength(1);
    expect(a.sent.length + b.sent.length).toBe(3);
    expect(a.failed.concat(b.failed)).toEqual([]);
  });

  it('renders a hostile unit name harmless: no injected header or recipient, escaped HTML', async () => {
    rig = await startRig();
    const unitName = '<script>alert(1)</script>\r\nBcc: victim@evil.example\r\n';
    await runAlertStep(rig.worker(), stepInput(3, { reports: [buildReport({ unitId: '106', unitName, day: 3 })] }));
    const [mail] = rig.listener.received;
    expect(mail?.rcptTo).toEqual([EVA]);
    expect(mail?.parsed.headers.has('bcc')).toBe(false);
    expect(mail?.parsed.subject).toBe('1 saknad rapport 2020 – <script>alert(1)</script> Bcc: victim@evil.example');
    expect(mail?.parsed.html).not.toContain('<script>');
    expect(mail?.parsed.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Bcc: victim@evil.example');
    expect(mail?.raw.toString('utf8')).not.toMatch(/^Bcc:/im);
  });

  it('upgrades with STARTTLS when the server offers it', async () => {
    rig = await startRig({ startTls: true });
    await runAlertStep(rig.worker(), stepInput(3));
    expect(rig.listener.received.map((mail) => mail.isSecure)).toEqual([true, true, true]);
  });

  it('sends nothing and records nothing in a dry run', async () => {
    rig = await startRig();
    const outcome = await runAlertStep(rig.worker(), stepInput(3, { dryRun: true }));
    expect(outcome.digests).toHaveLength(3);
    expect(outcome.sent).toEqual([]);
    expect(rig.listener.received).toEqual([]);
    expect(await rig.ledger.sentEntries(2020)).toEqual(new Set());
  });
});
