import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { COMMANDS, requestedCommand } from '../../../src/cli/register.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lazy-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const root = pathToFileURL(`${process.cwd()}/`).href;

/** Runs `stratsys-sync …args` through tsx and returns the project files and packages it loaded. */
async function loadedBy(args: string[]): Promise<{ files: string[]; jobs: string[]; packages: string[] }> {
  const record = join(dir, `${args.join('_').replace(/\W/g, '')}.txt`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/support/record-imports.mjs', 'src/cli.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RECORD_IMPORTS: record },
      stdio: 'ignore',
    });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  const urls = (await readFile(record, 'utf8')).split('\n').filter((url) => url.startsWith(root));
  const paths = urls.map((url) => url.slice(root.length));
  return {
    files: paths.filter((p) => p.startsWith('src/')),
    jobs: paths.filter((p) => p.startsWith('jobs/')),
    packages: [...new Set(paths.flatMap((p) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1] ?? []))],
  };
}

describe('lazy command loading', () => {
  it('--help loads no command module and no package but commander', async () => {
    const { files, packages } = await loadedBy(['--help']);
    expect(packages).toEqual(['commander']);
    expect(files.sort()).toEqual(['src/cli.ts', 'src/cli/program.ts', 'src/cli/register.ts', 'src/shared/errors.ts']);
  });

  it('a command loads its own module, not the others', async () => {
    const report = await loadedBy(['report', '--help']);
    expect(report.files).toContain('src/cli/report.ts');
    expect(report.files.filter((f) => /^src\/cli\/(worker|run|sim|enqueue|check|demo)\.ts$/.test(f) || f.startsWith('src/http/') || f === 'src/queue/worker.ts')).toEqual([]);
    expect(report.packages).not.toContain('bullmq');
    expect(report.packages).not.toContain('fastify');
    const mappings = await loadedBy(['--settings', 'missing.env', 'mappings', 'validate', '--help']);
    expect(mappings.files).toContain('src/cli/mappings.ts');
    expect(mappings.packages.filter((p) => ['bullmq', 'ioredis', 'exceljs', 'fastify', 'nodemailer'].includes(p))).toEqual([]);
  });

  it('rerun and sync-now queue with the job specs alone: no handler, pipeline, report, mailer or Stratsys client', async () => {
    for (const command of ['rerun', 'sync-now']) {
      const { files, jobs, packages } = await loadedBy([command, '--help']);
      expect(files, command).toContain('src/cli/enqueue.ts');
      expect(jobs, command).toEqual(['jobs/specs.ts']);
      expect(
        files.filter(
          (f) => /^src\/(report|alerts|indicators|http|rules|stratsys\/(client|create|transport))\//.test(f) || /^src\/(pipeline\/(finish-run|prepare-tenant|pull)|app\/compose)\.ts$/.test(f),
        ),
        command,
      ).toEqual([]);
      expect(
        packages.filter((p) => ['axios', 'exceljs', 'fastify', 'nodemailer'].includes(p)),
        command,
      ).toEqual([]);
    }
  });
});

describe('command registry', () => {
  it('finds the command past global options and in help <command>', () => {
    expect(requestedCommand(['--settings', 'run', 'report', '--year', '2020'])).toBe('report');
    expect(requestedCommand(['-v', 'help', 'worker'])).toBe('worker');
    expect(requestedCommand(['--help'])).toBeNull();
  });

  it('lists each command with the description its module gives it', async () => {
    const all = await buildProgram(['node', 'stratsys-sync'], { all: true });
    expect(all.commands.map((command) => [command.name(), command.description()])).toEqual(COMMANDS.map((entry) => [entry.name, entry.summary]));
    const lazy = await buildProgram(['node', 'stratsys-sync', '--help']);
    expect(lazy.helpInformation()).toContain('sync-now');
    expect(lazy.commands.map((command) => command.name())).toEqual(COMMANDS.map((entry) => entry.name));
  });
});
