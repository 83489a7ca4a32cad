import { accessSync, constants } from 'node:fs';
import { Command } from 'commander';
import { AppError } from '../shared/errors.js';
import { COMMANDS, registerCommands, requestedCommand } from './register.js';

/**
 * Reads `KEY=value` lines of `file` into the environment before a command runs (Node's own
 * parser); variables already set win. (Node 20 takes `--env-file` neither in NODE_OPTIONS nor reliably after the script, so the option has its own name.)
 */
export function loadEnvFile(file: string): void {
  try {
    // Node 20 ends the process on a missing file instead of throwing: check first.
    accessSync(file, constants.R_OK);
    process.loadEnvFile(file);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `--settings ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}

/**
 * Builds the `stratsys-sync` program for `argv` (node, script, arguments): only the module of the
 * command asked for is imported (`all` loads every one, e.g. to list their options). Tests run
 * commands through it in-process.
 */
export async function buildProgram(argv: readonly string[] = process.argv, options: { all?: boolean } = {}): Promise<Command> {
  const program = new Command('stratsys-sync')
    .description("Follow up a municipality's international programme in Stratsys: pull, map, evaluate, write back, alert.")
    .option('-v, --verbose', 'show debug logs and stack traces')
    .option('--settings <file>', 'read settings (KEY=value lines, as .env.example) from this file first; variables already set win')
    .showHelpAfterError('(run with --help for usage)');
  program.hook('preAction', (command) => {
    const file = command.opts<{ settings?: string }>().settings;
    if (file !== undefined) loadEnvFile(file);
  });
  const wanted = requestedCommand(argv.slice(2));
  await registerCommands(program, new Set(options.all ? COMMANDS.map((entry) => entry.name) : wanted === null ? [] : [wanted]));
  return program;
}
