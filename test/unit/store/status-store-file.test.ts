import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileStatusStore } from '../../../src/store/status-store-file.js';
import type { RunStatus } from '../../../src/store/status-store.js';
import { aRunStatus } from '../../support/builders.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const run = (runId: string, kind: RunStatus['kind'], outcome: RunStatus['outcome']): RunStatus => aRunStatus(runId, { kind, outcome, finishedAt: `2021-03-0${runId.slice(-1)}T00:00:00.000Z` });

describe('fileStatusStore', () => {
  it('keeps each unit’s last import across store instances, and the last good pull across a failure', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'status-store-'));
    const store = fileStatusStore(dir);
    expect(await store.units()).toEqual([]);
    await store.recordUnit({ unitId: '203', runId: 'r1', at: '2021-03-01T10:00:00.000Z', outcome: 'ok', lastGoodPullAt: '2021-03-01T10:00:00.000Z', requests: 7, error: null });
    await store.recordUnit({ unitId: '101', runId: 'r1', at: '2021-03-01T10:00:00.000Z', outcome: 'ok', lastGoodPullAt: '2021-03-01T10:00:00.000Z', requests: 5, error: null });
    await store.recordUnit({ unitId: '203', runId: 'r2', at: '2021-03-02T10:00:00.000Z', outcome: 'failed', lastGoodPullAt: null, requests: null, error: 'HTTP 503' });
    const again = fileStatusStore(dir);
    expect(await again.units()).toEqual([
      expect.objectContaining({ unitId: '101', outcome: 'ok' }),
      { unitId: '203', runId: 'r2', at: '2021-03-02T10:00:00.000Z', outcome: 'failed', lastGoodPullAt: '2021-03-01T10:00:00.000Z', requests: null, error: 'HTTP 503' },
    ]);
  });

  it('lists runs most recent first, and remembers the last complete nightly run', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'status-store-'));
    const store = fileStatusStore(dir, 2);
    expect(await store.lastNightlySuccess()).toBeNull();
    await Promise.all([store.recordRun(run('r1', 'nightly', 'complete')), store.recordRun(run('r2', 'once', 'partial'))]);
    await store.recordRun(run('r3', 'nightly', 'partial'));
    expect((await store.runs()).map((r) => r.runId)).toEqual(['r3', 'r2']);
    expect(await store.lastNightlySuccess()).toBe('2021-03-01T00:00:00.000Z');
  });

  it('takes a unit record that cannot be read as a failed import (held back until imported again), rather than as current or failing every reader', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'status-store-'));
    const store = fileStatusStore(dir);
    await store.recordUnit({ unitId: '101', runId: 'r1', at: 'x', outcome: 'ok', lastGoodPullAt: 'x', requests: 1, error: null });
    writeFileSync(path.join(dir, 'status', 'units', '102.json'), '{not json');
    writeFileSync(path.join(dir, 'status', 'units', '103.json'), JSON.stringify({ unitId: '103', outcome: 'ok' }));
    expect((await store.units()).map((u) => [u.unitId, u.outcome])).toEqual([
      ['101', 'ok'],
      ['102', 'failed'],
      ['103', 'failed'],
    ]);
    await store.recordUnit({ unitId: '102', runId: 'r2', at: 'y', outcome: 'ok', lastGoodPullAt: 'y', requests: 1, error: null });
    expect((await store.units()).find((u) => u.unitId === '102')?.outcome).toBe('ok');
  });

  it('pages the units like the Redis store: failed ones first, then the id order, with counts', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'status-store-'));
    const store = fileStatusStore(dir);
    for (const [unitId, outcome] of [
      ['c', 'ok'],
      ['a', 'ok'],
      ['d', 'failed'],
      ['b', 'ok'],
    ] as const) {
      await store.recordUnit({ unitId, runId: 'r1', at: '2021-03-01T10:00:00.000Z', outcome, lastGoodPullAt: null, requests: 1, error: outcome === 'failed' ? 'HTTP 503' : null });
    }
    const first = await store.unitPage({ offset: 0, limit: 2 });
    expect(first).toMatchObject({ counts: { total: 4, ok: 3, failed: 1 }, offset: 0, limit: 2, next: 2 });
    expect(first.units.map((u) => u.unitId)).toEqual(['d', 'a', 'b']);
    const last = await store.unitPage({ offset: 2, limit: 2 });
    expect(last.next).toBeNull();
    expect(last.units.map((u) => u.unitId)).toEqual(['d', 'c']);
  });
});
