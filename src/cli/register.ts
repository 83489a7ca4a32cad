import type { Command } from 'commander';
import { AppError } from '../shared/errors.js';

/** A command module (src/cli/<module>.ts): `register(program)` declares its commands, options and actions. */
export interface CommandModule {
  register(program: Command): void;
}

/**
 * Imports the module of a development tool (the simulator, the demo). The production build
 * (`npm run build`, the container image) leaves them and `src/sim` out, so there the import fails
 * and the command says so (SIM_NOT_INSTALLED) instead of a stack trace. The specifier is a variable
 * on purpose: the compiler does not follow it, so the production build does not pull them back in.
 */
export async function importDevTool(specifier: string): Promise<CommandModule> {
  try {
    return (await import(specifier)) as CommandModule;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !/\/src\/(cli|sim)\//.test(message)) throw error;
    throw new AppError(
      'SIM_NOT_INSTALLED',
      'the simulator is a development tool and not part of this build: run it from a source checkout (`npm run cli -- sim`, `npm run demo`, or `npx stratsys-sync sim` after `npm run build:dev`)',
      { cause: error },
    );
  }
}

/** The development tools' command modules (see importDevTool). */
const DEV_TOOLS = { sim: './sim.js', demo: './demo.js' };

/** The command modules, imported on demand. */
const MODULES = {
  check: () => import('./check.js'),
  pull: () => import('./pull.js'),
  run: () => import('./run.js'),
  demo: () => importDevTool(DEV_TOOLS.demo),
  worker: () => import('./worker.js'),
  enqueue: () => import('./enqueue.js'),
  mappings: () => import('./mappings.js'),
  sim: () => importDevTool(DEV_TOOLS.sim),
  alerts: () => import('./alerts.js'),
  report: () => import('./report.js'),
} satisfies Record<string, () => Promise<CommandModule>>;

/** One top-level command: its name, the line `--help` shows, and the module that implements it. */
export interface CommandEntry {
  name: string;
  summary: string;
  module: keyof typeof MODULES;
}

/**
 * The command registry, one entry per top-level command. A module is imported only when its
 * command runs (or its own `--help` is asked for): `stratsys-sync --help` loads none of them, and
 * `report` never loads the worker. `summary` is what the program's help lists; a test keeps it equal
 * to the description the module gives.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'check',
    summary:
      'check access to Stratsys (CheckAccess, applications/this) and print the effective settings, secrets masked; --deep probes the tenant read-only: the readings of the open contract points, every mapping id it lacks, and the size of the nightly run',
    module: 'check',
  },
  { name: 'pull', summary: 'pull the organisation and the action-plan data from Stratsys and write a validated snapshot (JSON)', module: 'pull' },
  { name: 'run', summary: 'pull → map → evaluate → write back → report, once, in this process (no Redis needed)', module: 'run' },
  { name: 'demo', summary: 'run the pipeline once against the bundled simulated Stratsys tenant (no credentials, no Redis needed)', module: 'demo' },
  {
    name: 'worker',
    summary: 'run the BullMQ worker: nightly sync schedule, imports, evaluation, write-back, alerts, admin HTTP (needs REDIS_URL)',
    module: 'worker',
  },
  {
    name: 'rerun',
    summary: "re-import one department's or company's data, re-evaluate with the others' stored snapshots and write back what changed",
    module: 'enqueue',
  },
  { name: 'sync-now', summary: 'queue a full sync now (the nightly sync, run by the workers)', module: 'enqueue' },
  { name: 'mappings', summary: 'check the programme mapping files and see how they apply to pulled data', module: 'mappings' },
  { name: 'sim', summary: 'Serve a simulated Stratsys tenant (API v1, OAuth2 token endpoint, fault injection) until SIGINT/SIGTERM', module: 'sim' },
  { name: 'alerts', summary: 'alert e-mails to focus-area owners about overdue follow-ups', module: 'alerts' },
  {
    name: 'report',
    summary: 'the yearly compilation (follow-up texts, goals, deliveries, project funds) from the last stored pull, a stored run, or a programme period',
    module: 'report',
  },
];

/** Options of the program itself that take a value (so the value is not read as the command). */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--settings']);

/** The top-level command `args` (without node and script) asks for, `help <command>` included; null for none. */
export function requestedCommand(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i += 1;
    else if (arg === '--') return args[i + 1] ?? null;
    else if (!arg.startsWith('-')) return arg === 'help' ? (args[i + 1] ?? null) : arg;
  }
  return null;
}

/**
 * Declares the commands on `program`: the modules of the commands in `load` fully, every other
 * command by its name and summary alone (enough for the program's help and for "did you mean").
 */
export async function registerCommands(program: Command, load: ReadonlySet<string>): Promise<void> {
  const wanted = new Set(COMMANDS.filter((entry) => load.has(entry.name)).map((entry) => entry.module));
  const registered = new Set<string>();
  for (const entry of COMMANDS) {
    if (wanted.has(entry.module) && !registered.has(entry.module)) {
      registered.add(entry.module);
      (await MODULES[entry.module]()).register(program);
    }
    if (!program.commands.some((command) => command.name() === entry.name)) program.command(entry.name).description(entry.summary);
  }
}
