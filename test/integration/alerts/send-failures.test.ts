import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../../src/alerts/mailer.js';
import { alertFailure, runAlertStep } from '../../../src/alerts/send-alerts.js';
import { startSmtpListener } from '../../support/smtp.js';
import { FROM, startRig, stepInput, type AlertRig } from './harness.js';

let rig: AlertRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

describe('runAlertStep when the SMTP server refuses', () => {
  it.each(['rcpt', 'data'] as const)('retries a temporary 451 on %s with backoff and records the digest once', async (phase) => {
    rig = await startRig({ refuse: { phase, code: 451, times: 1 } });
    const outcome = await runAlertStep(rig.worker(), stepInput(3));
    expect(rig.listener.refusals[phase]).toBe(1);
    expect(outcome.failed).toEqual([]);
    expect(outcome.sent.map((sent) => sent.attempts).sort()).toEqual([1, 1, 2]);
    expect(rig.sleeps).toEqual([2_000]);
    expect(rig.listener.received).toHaveLength(3);
    for (const digest of outcome.digests) expect(await rig.ledger.status(digest.key)).toBe('sent');
    const again = await runAlertStep(rig.worker(), stepInput(3));
    expect(again.digests).toEqual([]);
    expect(rig.listener.received).toHaveLength(3);
  });

  it('gives up on a permanent 550 at once, records nothing, and a later run sends', async () => {
    rig = await startRig({ refuse: { phase: 'rcpt', code: 550, times: Infinity } });
    const outcome = await runAlertStep(rig.worker(), stepInput(3));
    expect(outcome.sent).toEqual([]);
    expect(outcome.failed).toHaveLength(3);
    expect(outcome.failed[0]).toMatchObject({ code: 'ALERT_SEND_FAILED', retryable: false, attempts: 1, isDelivered: false });
    expect(outcome.failed[0]?.reason).toMatch(/^SMTP send failed \(EENVELOPE 550 on RCPT TO\)/);
    expect(rig.sleeps).toEqual([]);
    expect(await rig.ledger.sentEntries(2020)).toEqual(new Set());
    for (const digest of outcome.digests) expect(await rig.ledger.status(digest.key)).toBe('absent');

    const healthy = await startSmtpListener();
    const mailer = createSmtpMailer({ url: healthy.url, from: FROM });
    try {
      const retried = await runAlertStep({ ...rig.worker(), mailer }, stepInput(3));
      expect(retried.sent.map((sent) => sent.key).sort()).toEqual(outcome.digests.map((digest) => digest.key).sort());
      expect(healthy.received).toHaveLength(3);
    } finally {
      await mailer.close();
      await healthy.stop();
    }
  });

  it('fails after the retries when the server keeps answering 451, and the step reports it', async () => {
    rig = await startRig({ refuse: { phase: 'rcpt', code: 451, times: Infinity } });
    const outcome = await runAlertStep(rig.worker(), stepInput(3));
    expect(outcome.failed.map((failed) => failed.attempts)).toEqual([3, 3, 3]);
    expect(outcome.failed.every((failed) => failed.retryable)).toBe(true);
    expect(rig.sleeps).toEqual([2_000, 8_000, 2_000, 8_000, 2_000, 8_000]);
    expect(rig.listener.received).toEqual([]);
    expect(await rig.ledger.sentEntries(2020)).toEqual(new Set());
    expect(alertFailure(outcome)).toMatchObject({ code: 'ALERT_SEND_FAILED', retryable: true });
  });

  it('keeps recipient addresses out of every log line and logs one summary with counts', async () => {
    rig = await startRig({ refuse: { phase: 'rcpt', code: 550, times: Infinity } });
    await runAlertStep(rig.worker(), stepInput(31));
    expect(rig.logs.length).toBeGreaterThan(0);
    for (const line of rig.logs) expect(line).not.toMatch(/gavle\.example/);
    const summary = rig.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.msg === 'alert step finished');
    expect(summary).toMatchObject({ level: 30, digests: 3, sent: 0, skipped: 0, failed: 3, ownersWithoutAddress: 1 });
  });
});
