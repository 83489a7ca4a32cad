import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRunVersion } from '../../../src/report/versions.js';
import { completeManifest } from '../../support/run-versions.js';

/** `latest` ends at the newest complete run whatever the order its writers (other replicas sharing REPORT_DIR) finish in. */

const BASE = Date.UTC(2021, 2, 1, 2, 0, 0);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function yearFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'latest-link-'));
  dirs.push(dir);
  return path.join(dir, 'default', '2020');
}

const latestOf = (target: string) => path.basename(readlinkSync(path.join(target, 'latest')));

/** The run numbers 0..count-1 in a scrambled order that differs per round (the newest is not written last). */
function scrambled(count: number, round: number): number[] {
  return Array.from({ length: count }, (_, i) => (i * 7 + round * 5) % count);
}

function write(target: string, runId: string, generatedAtMs: number, isComplete = true, size = 1) {
  return writeRunVersion(target, completeManifest(runId, generatedAtMs, isComplete), undefined, { 'report.txt': `${runId}\n`.repeat(size) });
}

/** A writer process (test/support/write-run-versions.ts) that has said `ready`. */
async function startWriter(target: string, runs: string[]): Promise<ChildProcess & { finished: Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/write-run-versions.ts', target, ...runs], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let error = '';
  child.stderr.on('data', (chunk) => (error += String(chunk)));
  const finished = new Promise<string>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`writer exited ${String(code)}: ${error}`)))));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('ready\n')) resolve();
    });
    finished.catch(reject);
  });
  return Object.assign(child, { finished });
}

describe('the latest link', () => {
  it('ends at the newest complete run when many writers in one process interleave, a newer partial run never taking it', async () => {
    for (let round = 0; round < 25; round += 1) {
      const target = yearFolder();
      const order = scrambled(12, round);
      // Sizes differ, so the writers reach the link in another order than they started in.
      await Promise.all([...order.map((n) => write(target, `run-${n}`, BASE + n * 60_000, true, 1 + ((n * 53 + round) % 400))), write(target, 'partial', BASE + 99 * 60_000, false)]);
      expect({ round, latest: latestOf(target) }).toEqual({ round, latest: 'run-11' });
    }
  });

  it('ends at the newest complete run when writer processes write into one folder at once', async () => {
    for (let round = 0; round < 3; round += 1) {
      const target = yearFolder();
      // 4 processes × 6 runs; the run times interleave across the processes, the newest in another process each round.
      const runs = scrambled(24, round).map((n) => `run-${String(n).padStart(2, '0')}@${BASE + n * 60_000}`);
      const writers = await Promise.all(
        [0, 1, 2, 3].map((w) =>
          startWriter(
            target,
            runs.filter((_, i) => i % 4 === w),
          ),
        ),
      );
      for (const writer of writers) writer.stdin?.end('go\n');
      expect(await Promise.all(writers.map((writer) => writer.finished))).toEqual(['ready\ndone\n', 'ready\ndone\n', 'ready\ndone\n', 'ready\ndone\n']);
      expect({ round, latest: latestOf(target) }).toEqual({ round, latest: 'run-23' });
    }
  }, 60_000);

  it('stays at a newer run when an older one is written later, also in a year folder written before the index of complete runs existed', async () => {
    const target = yearFolder();
    expect(await write(target, 'newer', BASE + 120_000)).toMatchObject({ isLatest: true });
    expect(await write(target, 'older', BASE + 60_000)).toMatchObject({ isLatest: false });
    expect(latestOf(target)).toBe('newer');
    // A year folder as written before the index existed: `latest` and the run folders only.
    rmSync(path.join(target, '.complete-runs'), { recursive: true, force: true });
    expect(await write(target, 'oldest', BASE)).toMatchObject({ isLatest: false });
    expect(latestOf(target)).toBe('newer');
    // The newest run's folder removed by hand: the next run written points `latest` at the newest one still there.
    rmSync(path.join(target, 'runs', 'newer'), { recursive: true });
    expect(await write(target, 'oldest', BASE)).toMatchObject({ isLatest: false });
    expect(latestOf(target)).toBe('older');
  });

  it('stays at the run it names when the index lacks that run (a writer stopped while naming the runs, or an earlier version moved the link)', async () => {
    const target = yearFolder();
    await write(target, 'older', BASE + 60_000);
    await write(target, 'newer', BASE + 120_000);
    expect(latestOf(target)).toBe('newer');
    const index = path.join(target, '.complete-runs');
    for (const name of readdirSync(index).filter((entry) => entry.endsWith('-newer'))) rmSync(path.join(index, name));
    expect(await write(target, 'oldest', BASE)).toMatchObject({ isLatest: false });
    expect(latestOf(target)).toBe('newer');
    expect(readdirSync(index).some((entry) => entry.endsWith('-newer'))).toBe(true);
  });
});
