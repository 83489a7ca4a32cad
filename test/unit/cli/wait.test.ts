import { describe, expect, it } from 'vitest';
import { describeWatchedRun, formatDuration, formatProgress, progressPrinter } from '../../../src/cli/wait.js';
import type { RunProgress } from '../../../src/queue/run-watch.js';

const at = (patch: Partial<RunProgress>): RunProgress => ({ stage: 'importing', unitsDone: 0, unitsTotal: 40, failedUnits: 0, requests: 0, elapsedMs: 0, ...patch });

describe('the progress of a followed run', () => {
  it('shows units done of total, requests, rate and time left while importing', () => {
    expect(formatProgress(at({ unitsDone: 10, requests: 400, elapsedMs: 20_000 }))).toBe('importing 10/40 units · 400 requests · 20.0 req/s · about 1:00 left · 0:20');
    expect(formatProgress(at({ unitsDone: 40, failedUnits: 1, requests: 1, elapsedMs: 500, stage: 'evaluating' }))).toBe('evaluating and writing back 40/40 units (1 failed) · 1 request · 0:01');
    expect(formatProgress({ ...at({}), unitsTotal: 0, stage: 'queued' })).toBe('waiting for a worker · 0:00');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });

  it('rewrites one line on a terminal and prints plain lines otherwise', () => {
    const tty = {
      text: '',
      isTTY: true,
      write(t: string) {
        this.text += t;
      },
    };
    const printer = progressPrinter(tty);
    printer.update(at({ unitsDone: 1, elapsedMs: 1000 }));
    printer.update(at({ unitsDone: 2, elapsedMs: 2000 }));
    printer.end();
    expect(tty.text.split('\r\x1b[2K')).toHaveLength(3);
    expect(tty.text.endsWith('\n')).toBe(true);

    const plain = {
      text: '',
      write(t: string) {
        this.text += t;
      },
    };
    const lines = progressPrinter(plain, 10_000);
    for (let s = 0; s <= 25; s += 1) lines.update(at({ unitsDone: s, elapsedMs: s * 1000, stage: s === 0 ? 'reference-data' : 'importing' }));
    lines.update(at({ stage: 'evaluating', unitsDone: 40, elapsedMs: 26_000 }));
    lines.end();
    expect(
      plain.text
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' · ')[0]),
    ).toEqual(['pulling reference data 0/40 units', 'importing 1/40 units', 'importing 11/40 units', 'importing 21/40 units', 'evaluating and writing back 40/40 units']);
  });

  it('exits as run --once: 1 when the run is partial, an alert failed, or the run did not finish', () => {
    const run = { runId: 'r', summary: 'S\n', complete: true, dryRun: false, alertsJobId: 'a' };
    expect(describeWatchedRun({ state: 'finished', failedReason: null, run, alerts: { ok: true, text: 'Alerts: ok.' } })).toEqual({ text: 'S\n\nAlerts: ok.\n', ok: true });
    expect(describeWatchedRun({ state: 'finished', failedReason: null, run, alerts: { ok: false, text: 'Alerts: FAILED' } }).ok).toBe(false);
    expect(describeWatchedRun({ state: 'finished', failedReason: null, run: { ...run, complete: false }, alerts: null }).ok).toBe(false);
    expect(describeWatchedRun({ state: 'failed', failedReason: 'PERIOD_IMPLAUSIBLE: x', run: null, alerts: null })).toEqual({ text: 'Run did not finish: PERIOD_IMPLAUSIBLE: x\n', ok: false });
  });
});
