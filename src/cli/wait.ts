import type { RunProgress, WatchedRun } from '../queue/run-watch.js';

/**
 * How `sync-now --wait` and `rerun --wait` show a run: on a terminal one live line (units done of
 * total, requests, rate, time left), otherwise plain lines when the stage changes and every
 * `plainEveryMs` while importing; then the same summary as `run --once`.
 */

const STAGE_TEXT: Record<RunProgress['stage'], string> = {
  queued: 'waiting for a worker',
  'reference-data': 'pulling reference data',
  importing: 'importing',
  evaluating: 'evaluating and writing back',
  alerts: 'sending alerts',
};

/** `1:05` for 65 s; `12:00:00`-style beyond an hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** One line: `importing 34/40 units (1 failed) · 1203 requests · 52.1 req/s · about 0:12 left · 0:23`. */
export function formatProgress(p: RunProgress): string {
  const parts = [STAGE_TEXT[p.stage]];
  if (p.stage === 'importing' || p.unitsTotal > 0) {
    parts[0] = `${STAGE_TEXT[p.stage]} ${p.unitsDone}/${p.unitsTotal} units${p.failedUnits > 0 ? ` (${p.failedUnits} failed)` : ''}`;
    const seconds = p.elapsedMs / 1000;
    parts.push(`${p.requests} ${p.requests === 1 ? 'request' : 'requests'}`);
    if (seconds >= 1) parts.push(`${(p.requests / seconds).toFixed(1)} req/s`);
    if (p.stage === 'importing' && p.unitsDone > 0 && p.unitsDone < p.unitsTotal) {
      parts.push(`about ${formatDuration((p.elapsedMs / p.unitsDone) * (p.unitsTotal - p.unitsDone))} left`);
    }
  }
  parts.push(formatDuration(p.elapsedMs));
  return parts.join(' · ');
}

/** A progress reporter writing to `out`: a rewritten line on a TTY, plain lines otherwise. */
export function progressPrinter(out: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean }, plainEveryMs = 10_000): { update(p: RunProgress): void; end(): void } {
  let lastStage = '';
  let lastPlainAt = -Infinity;
  let lastLine = '';
  let drawn = false;
  return {
    update(p) {
      const line = formatProgress(p);
      if (out.isTTY) {
        if (line === lastLine) return;
        out.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else if (p.stage !== lastStage || (p.stage === 'importing' && p.elapsedMs - lastPlainAt >= plainEveryMs && line !== lastLine)) {
        out.write(`${line}\n`);
        lastPlainAt = p.elapsedMs;
      }
      lastStage = p.stage;
      lastLine = line;
    },
    end() {
      if (drawn) out.write('\n');
    },
  };
}

/** The text printed after a watched run, and whether it counts as a success (exit code 0), as `run --once`. */
export function describeWatchedRun(watched: WatchedRun): { text: string; ok: boolean } {
  if (watched.state !== 'finished' || !watched.run) {
    return { text: `Run did not finish: ${watched.failedReason ?? watched.state}\n`, ok: false };
  }
  const parts = [watched.run.summary.trimEnd()];
  if (watched.alerts) parts.push('', watched.alerts.text);
  return { text: `${parts.join('\n')}\n`, ok: watched.run.complete && (watched.alerts?.ok ?? true) };
}
