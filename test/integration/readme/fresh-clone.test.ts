import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The README on a fresh clone: clones this repository (its committed HEAD) into a temporary
 * folder and runs, verbatim through `sh -c`, every command of the Quick start and of the local
 * worker recipe, asserting their output.
 *
 * SLOW: about 3–5 minutes on two cores (`npm ci` from the npm cache, the `prepare` build, the demo,
 * the worker recipe). `npm test` itself is the one Quick start command it does not run: it is the
 * command running this test.
 */

const README = readFileSync('README.md', 'utf8');
const MINUTE = 60_000;

/** The shell lines of the code block between `<!-- name:start -->` and `<!-- name:end -->`. */
function commands(name: string): string[] {
  const block = README.split(`<!-- ${name}:start -->`)[1]?.split(`<!-- ${name}:end -->`)[0] ?? '';
  return block.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('```'));
}

/** A clean environment: no settings of this machine's installation, the npm cache reused. */
function cleanEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
}

let clone: string;
function sh(line: string, timeoutMs: number): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('sh', ['-c', line], { cwd: clone, env: cleanEnv(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  clone = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-clone-'));
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', process.cwd(), clone], { encoding: 'utf8' });
  expect(cloned.status, cloned.stderr).toBe(0);
});

afterAll(() => {
  rmSync(clone, { recursive: true, force: true });
});

describe('README on a fresh clone (slow: minutes)', () => {
  it(
    'Quick start: `npm ci && npm run demo` builds the tool and runs the demo',
    () => {
      const [demoLine, testLine] = commands('quickstart');
      expect(demoLine).toMatch(/^npm ci && npm run demo\b/);
      expect(testLine).toMatch(/^npm test\b/);
      const demo = sh(demoLine ?? '', 10 * MINUTE);
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toContain('Gävle kommun (demo) · year 2020 as of 2021-03-01 00:00 (Europe/Stockholm)');
      expect(demo.stdout).toContain('Missing reports (8):');
      expect(demo.stdout).toMatch(/^Alerts: 4 e-mails sent/m);
      expect(existsSync(path.join(clone, 'dist/src/cli.js'))).toBe(true);
    },
    12 * MINUTE,
  );

  it(
    "`npx stratsys-sync` is this package's tool and knows every command of the table",
    () => {
      const table = README.split('### Every command')[1]?.split('**Year, as-of instant')[0] ?? '';
      const names = [...table.matchAll(/^\| `stratsys-sync ([a-z-]+)/gm)].map((m) => m[1] ?? '');
      expect(names.length).toBeGreaterThanOrEqual(10);
      const help = sh('npx stratsys-sync --help', MINUTE);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toContain('Usage: stratsys-sync [options] [command]');
      const listed = help.stdout.split('Commands:')[1] ?? '';
      for (const name of names) expect(listed).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    },
    2 * MINUTE,
  );

  it(
    'the local worker recipe: a sync, the status page, and the commands of a second terminal',
    async () => {
      const [recipe] = commands('worker-recipe');
      expect(recipe).toMatch(/^npm run demo -- --worker\b/);
      const worker = spawn('sh', ['-c', recipe ?? ''], { cwd: clone, env: cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const output = collect(worker);
      try {
        await until(
          () => output.stdout.includes('Press Ctrl-C'),
          5 * MINUTE,
          () => output.stdout + output.stderr,
        );
        expect(output.stdout).toContain('Missing reports (8):');
        expect(output.stdout).toMatch(/^Alerts: 4 e-mails sent/m);
        const url = /^Status page: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output.stdout)?.[1];
        expect(url).toBeDefined();
        const page = await fetch(url ?? '');
        expect(page.status).toBe(200);
        const body = await page.text();
        expect(body).toContain('Gävle kommun (demo)');
        expect(body).toContain('Läge per 2021-03-01 00:00.');

        const [rerun, preview, report] = commands('worker-commands');
        const rerunOut = sh(rerun ?? '', 3 * MINUTE);
        expect(rerunOut.code, rerunOut.stderr).toBe(0);
        expect(rerunOut.stdout).toContain('Re-run of Kultur och fritid queued');
        expect(rerunOut.stdout).toMatch(/^Pull: 1 unit pulled now, 9 from their stored pulls \(10 in all\)/m);
        const previewOut = sh(preview ?? '', MINUTE);
        expect(previewOut.code, previewOut.stderr).toBe(0);
        expect(previewOut.stdout).toMatch(/^To: eva\.nordin@gavle\.example$/m);
        expect(previewOut.stdout).toContain('Sista dag 2021-01-31 (respit till och med 2021-02-14) – försenad 15 dagar');
        const reportOut = sh(report ?? '', MINUTE);
        expect(reportOut.code, reportOut.stderr).toBe(0);
        expect(reportOut.stdout).toContain('# Uppföljning av internationellt arbete 2020');
      } finally {
        await stop(worker);
      }
      expect(worker.exitCode ?? worker.signalCode).not.toBeNull();
    },
    10 * MINUTE,
  );
});

function collect(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => (output.stdout += String(chunk)));
  child.stderr?.on('data', (chunk) => (output.stderr += String(chunk)));
  return output;
}

async function until(done: () => boolean, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Ctrl-C to the recipe's process group, as a terminal would send it; SIGKILL if it hangs. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGINT');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
