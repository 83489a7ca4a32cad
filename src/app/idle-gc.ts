import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from '../shared/logger.js';

/**
 * A full garbage collection: the global `gc` when Node was started with `--expose-gc` (the
 * container image and `npm start` do), else made callable at run time as jest's leak detector does
 * (the flag set, `gc` taken from a fresh context; the process's own global `gc` stays undefined).
 * Node warns that flags set after start may behave unpredictably; what was seen on Node 20 is that
 * built-in modules loaded afterwards load slower once (their code cache is not used), and that new
 * `vm` contexts get a `gc` global. Hence the start flag where the start is ours.
 */
export function exposedGc(): () => void {
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === 'function') return global as () => void;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  if (typeof gc !== 'function') throw new Error('--expose-gc did not give a gc function');
  return gc as () => void;
}

export interface IdleCollector {
  /** A job started: no collection while any job runs. */
  busy(): void;
  /** A job ended (completed or failed); once none runs for `delayMs`, one full collection. */
  settled(): void;
  stop(): void;
}

export interface IdleCollectorOptions {
  collect: () => void;
  delayMs: number;
  logger: Logger;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  now?: () => number;
}

/**
 * After a run the worker's heap holds what the run left (hundreds of MB at 2,000 units) until V8
 * next needs room, which an idle process never does: its RSS stays at the run's level all day.
 * One full collection once no job has run for a moment gives that memory back; it runs only when
 * the process is idle, so it never pauses a job.
 */
export function idleCollector(options: IdleCollectorOptions): IdleCollector {
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as NodeJS.Timeout));
  const now = options.now ?? (() => performance.now());
  let running = 0;
  let dirty = false;
  let stopped = false;
  let timer: unknown = null;
  const cancel = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };
  const fire = () => {
    timer = null;
    if (stopped || running > 0 || !dirty) return;
    dirty = false;
    const before = process.memoryUsage();
    const started = now();
    try {
      options.collect();
    } catch (error) {
      options.logger.warn({ err: error }, 'idle garbage collection failed');
      return;
    }
    // The heap shrinks at once; V8 hands the freed pages back to the system over the next moments,
    // so the RSS is logged as it was before (the process's RSS a few seconds later shows the rest).
    const after = process.memoryUsage();
    options.logger.info({ ms: Math.round(now() - started), rssBeforeMB: mb(before.rss), heapUsedMB: [mb(before.heapUsed), mb(after.heapUsed)] }, 'idle: memory collected');
  };
  return {
    busy() {
      running += 1;
      cancel();
    },
    settled() {
      running = Math.max(0, running - 1);
      dirty = true;
      if (running > 0 || stopped) return;
      cancel();
      timer = setTimer(fire, options.delayMs);
    },
    stop() {
      stopped = true;
      cancel();
    },
  };
}

const mb = (bytes: number) => Math.round(bytes / 1_048_576);
