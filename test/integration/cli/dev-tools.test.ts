import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The production build (tsconfig.build.json, what `npm run build` and the container image's
 * runtime stage compile) leaves the simulator and the demo out; the development build
 * (tsconfig.dev.json, `npm run build:dev`, run by `prepare` in a checkout) keeps them. The
 * production build is compiled here into a folder of its own and run as a real process.
 */

const DEV_ONLY = /^src\/(sim\/|cli\/(sim|demo|demo-worker)\.ts$)/;

/** The program of a build config: its source files (relative, `.ts`, without declarations). */
function programOf(config: string, outDir?: string): { program: ts.Program; files: string[] } {
  const parsed = ts.getParsedCommandLineOfConfigFile(config, outDir ? { outDir, sourceMap: false } : {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`${config} does not parse`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const root = `${process.cwd()}/`;
  const files = program
    .getSourceFiles()
    .map((file) => file.fileName)
    .filter((name) => name.startsWith(root) && !name.includes('/node_modules/') && !name.endsWith('.d.ts'))
    .map((name) => name.slice(root.length));
  return { program, files };
}

let outDir: string;
let production: { program: ts.Program; files: string[] };

beforeAll(() => {
  // Under node_modules so the build finds the packages and the package's "type": "module".
  mkdirSync('node_modules/.cache', { recursive: true });
  outDir = mkdtempSync(path.resolve('node_modules/.cache/production-build-'));
  production = programOf('tsconfig.build.json', outDir);
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(outDir, 'src/cli.js'), ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the simulator is a development tool', () => {
  it('the production build compiles no file of the simulator or the demo, not even through an import', () => {
    expect(production.files).toContain('src/cli.ts');
    expect(production.files).toContain('src/cli/register.ts');
    expect(production.files.filter((file) => DEV_ONLY.test(file))).toEqual([]);
  });

  it('the development build compiles them', () => {
    const dev = programOf('tsconfig.dev.json');
    expect(dev.files).toContain('src/sim/server.ts');
    expect(dev.files).toContain('src/cli/sim.ts');
    expect(dev.files).toContain('src/cli/demo.ts');
  });

  it('a production install says so for `sim` and `demo`, and lists every command and runs the others', { timeout: 120_000 }, () => {
    const emitted = production.program.emit();
    expect(emitted.emitSkipped).toBe(false);
    expect(existsSync(path.join(outDir, 'src/cli.js'))).toBe(true);
    expect(existsSync(path.join(outDir, 'src/sim'))).toBe(false);
    for (const args of [['sim', '--port', '0'], ['demo'], ['sim', '--help']]) {
      const result = cli(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim()).toMatch(/^error SIM_NOT_INSTALLED: the simulator is a development tool and not part of this build: run it from a source checkout/);
      expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|at .*\.js:\d+/);
    }
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}sim\b/m);
    const mappings = cli(['mappings', 'validate', '--help']);
    expect(mappings.code, mappings.stderr).toBe(0);
    expect(mappings.stdout).toContain('Usage: stratsys-sync mappings validate');
  });
});
