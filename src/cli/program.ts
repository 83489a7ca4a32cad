import { Command } from 'commander';
import { registerCommands } from './register.js';

/** Builds the `stratsys-sync` program; tests run commands through it in-process. */
export function buildProgram(): Command {
  const program = new Command('stratsys-sync')
    .description("Follow up a municipality's international programme in Stratsys: pull, map, evaluate, write back, alert.")
    .option('-v, --verbose', 'show debug logs and stack traces')
    .showHelpAfterError('(run with --help for usage)');
  registerCommands(program);
  return program;
}
