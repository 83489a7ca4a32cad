import type { Command } from 'commander';
import { register as registerCheck } from './check.js';

/**
 * The command registry: one line per command module (src/cli/<command>.ts), each exporting
 * `register(program)`.
 */
export function registerCommands(program: Command): void {
  registerCheck(program);
}
