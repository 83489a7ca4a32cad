import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A child process of the command-line tool whose memory is watched from /proc. */
export interface Watched {
  child: ChildProcess;
  /** Peak resident set (VmHWM of /proc/<pid>/status) seen so far, in MB. */
  peakMb(): number;
  /** Current resident set (VmRSS), in MB; 0 once the process is gone. */
  currentMb(): number;
  output(): string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * `node dist/src/cli.js <args>` with its own environment. VmHWM is the kernel's high-water mark of
 * the process's resident set; it is read every 50 ms while the process lives (the last reading
 * before exit is the peak up to then), so it is the child's memory, not the bench's.
 * `BENCH_NODE_ARGS` (e.g. `--trace-gc`) are passed to node before the script.
 */
export function spawnCli(args: string[], env: Record<string, string>): Watched {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'dist/src/cli.js', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let peak = 0;
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const pid = child.pid ?? 0;
  const timer = setInterval(() => (peak = Math.max(peak, statusField(pid, 'VmHWM'))), 50);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      clearInterval(timer);
      resolve(code);
    }),
  );
  return {
    child,
    peakMb: () => Math.max(peak, statusField(pid, 'VmHWM')),
    currentMb: () => statusField(pid, 'VmRSS'),
    output: () => output,
    exited,
  };
}

/** Runs the tool to its end; its wall time in seconds, exit code and peak RSS. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ seconds: number; code: number | null; peakMb: number; output: string }> {
  const started = performance.now();
  const watched = spawnCli(args, env);
  const code = await watched.exited;
  return { seconds: (performance.now() - started) / 1000, code, peakMb: watched.peakMb(), output: watched.output() };
}
