import { describe, expect, it } from 'vitest';
import { exposedGc, idleCollector } from '../../../src/app/idle-gc.js';
import { createLogger } from '../../../src/shared/logger.js';

/** Timers by hand: `fire()` runs what is due, so the test says when time passes. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: (fn: () => void) => {
      next += 1;
      pending.set(next, fn);
      return next;
    },
    clearTimer: (id: unknown) => void pending.delete(id as number),
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const fn of due) fn();
    },
    get pending() {
      return pending.size;
    },
  };
}

function setup(collect: () => void = () => undefined) {
  const timers = manualTimers();
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  let collections = 0;
  const collector = idleCollector({
    collect: () => {
      collections += 1;
      collect();
    },
    delayMs: 1_000,
    logger,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  return { timers, lines, collector, collections: () => collections };
}

describe('idle garbage collection in the worker', () => {
  it('collects once after the last job settles, not while another job runs', () => {
    const { timers, collector, collections, lines } = setup();
    collector.busy();
    collector.busy();
    collector.settled();
    expect(timers.pending).toBe(0);
    collector.settled();
    expect(timers.pending).toBe(1);
    timers.fire();
    expect(collections()).toBe(1);
    expect(lines.find((line) => line.msg === 'idle: memory collected')).toMatchObject({ rssBeforeMB: expect.any(Number), heapUsedMB: expect.any(Array) });
    // Nothing ran since: no second collection.
    timers.fire();
    expect(collections()).toBe(1);
    collector.busy();
    collector.settled();
    timers.fire();
    expect(collections()).toBe(2);
  });

  it('a job starting before the delay is up cancels the collection', () => {
    const { timers, collector, collections } = setup();
    collector.busy();
    collector.settled();
    collector.busy();
    expect(timers.pending).toBe(0);
    timers.fire();
    expect(collections()).toBe(0);
    collector.settled();
    timers.fire();
    expect(collections()).toBe(1);
  });

  it('a failing collection is logged, not thrown; stop cancels what is planned', () => {
    const { timers, collector, lines, collections } = setup(() => {
      throw new Error('no gc');
    });
    collector.busy();
    collector.settled();
    expect(() => timers.fire()).not.toThrow();
    expect(lines.some((line) => line.msg === 'idle garbage collection failed')).toBe(true);
    collector.busy();
    collector.settled();
    collector.stop();
    timers.fire();
    expect(collections()).toBe(1);
  });

  it('exposedGc gives a working full collection without a global gc', () => {
    const gc = exposedGc();
    expect(typeof gc).toBe('function');
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    let retained: unknown[] | null = Array.from({ length: 200_000 }, (_, i) => ({ i, text: `row ${i}` }));
    expect(retained.length).toBe(200_000);
    const before = process.memoryUsage().heapUsed;
    retained = null;
    gc();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 5_000_000);
  });
});
