import type { Command } from 'commander';

/**
 * The command registry: one line per command module (src/cli/<command>.ts), each exporting
 * `register(program)`.
 */
export function registerCommands(_program: Command): void {
  // commands are added here as they are built
}
