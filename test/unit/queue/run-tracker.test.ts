import { describe, expect, it } from 'vitest';
import { MAX_TRACKED_RUNS, RUN_MEMORY_MS, RunTracker, runOfJob } from '../../../src/queue/run-tracker.js';

describe('runOfJob', () => {
  it('knows the run of every job kind and how to start it again', () => {
    expect(runOfJob({ name: 'nightly-sync', id: 'repeat:nightly-sync:1', data: { trigger: 'schedule' }, returnvalue: { year: 2020, asOf: '2021-03-01T00:00:00.000Z', units: 10 } }, 0)).toMatchObject({
      runId: 'nightly-repeat_nightly-sync_1',
      kind: 'nightly',
      controlJobId: 'repeat:nightly-sync:1',
      year: 2020,
      units: 10,
      again: { name: 'nightly-sync', data: {} },
    });
    expect(runOfJob({ name: 'rerun-unit', id: 'rerun-106-5', data: { unitId: '106', year: 2020 } }, 0)).toMatchObject({
      runId: 'rerun-rerun-106-5',
      kind: 'rerun',
      again: { name: 'rerun-unit', data: { unitId: '106', year: 2020 } },
    });
    expect(
      runOfJob({ name: 'evaluate-run', id: 'evaluate-nightly-m', data: { runId: 'nightly-m', kind: 'nightly', year: 2020, asOf: '2021-03-01T00:00:00.000Z', unitIds: ['1', '2'] } }, 0),
    ).toMatchObject({
      runId: 'nightly-m',
      units: 2,
      rank: 3,
      again: { name: 'nightly-sync', data: { year: 2020, asOf: '2021-03-01T00:00:00.000Z' } },
    });
    expect(runOfJob({ name: 'import-unit', id: 'import-nightly-m-1', data: { runId: 'nightly-m', unitId: '1', year: 2020 } }, 0)).toMatchObject({
      runId: 'nightly-m',
      rank: 1,
      again: { name: 'nightly-sync', data: { year: 2020 } },
    });
    expect(runOfJob({ name: 'send-alerts', id: 'alerts-rerun-x', data: { runId: 'rerun-x', year: 2020, asOf: 'a', failedUnitIds: [] } }, 0)).toMatchObject({ kind: 'rerun', again: null });
    expect(runOfJob({ name: 'something-else', data: {} }, 0)).toBeNull();
  });
});

describe('RunTracker', () => {
  it('keeps the most telling payload and fills gaps from the others', () => {
    const tracker = new RunTracker(() => 1_000);
    tracker.note({ name: 'import-unit', id: 'i1', data: { runId: 'nightly-m', unitId: '1', year: 2020 } });
    tracker.note({ name: 'nightly-sync', id: 'm', data: { trigger: 'manual' } });
    tracker.note({ name: 'evaluate-run', id: 'e', data: { runId: 'nightly-m', kind: 'nightly', year: 2020, asOf: '2021-03-01T00:00:00.000Z', unitIds: ['1', '2', '3'] } });
    tracker.note({ name: 'import-unit', id: 'i2', data: { runId: 'nightly-m', unitId: '2', year: 2020 } });
    expect(tracker.runs()).toEqual([
      expect.objectContaining({ runId: 'nightly-m', controlJobId: 'm', units: 3, again: { name: 'nightly-sync', data: { year: 2020, asOf: '2021-03-01T00:00:00.000Z' } } }),
    ]);
    tracker.forget('nightly-m');
    expect(tracker.runs()).toEqual([]);
  });

  it('forgets runs after two days and beyond its size', () => {
    let now = 0;
    const tracker = new RunTracker(() => now);
    tracker.note({ name: 'rerun-unit', id: 'old', data: { unitId: '1' } });
    now = RUN_MEMORY_MS + 1;
    for (let i = 0; i <= MAX_TRACKED_RUNS; i += 1) tracker.note({ name: 'rerun-unit', id: `r${i}`, data: { unitId: '1' } });
    const ids = tracker.runs().map((run) => run.runId);
    expect(ids).toHaveLength(MAX_TRACKED_RUNS);
    expect(ids).not.toContain('rerun-old');
    expect(ids).not.toContain('rerun-r0');
  });
});
