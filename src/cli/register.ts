import type { Command } from 'commander';
import { register as registerCheck } from './check.js';
import { register as registerDemo } from './demo.js';
import { register as registerEnqueue } from './enqueue.js';
import { register as registerPull } from './pull.js';
import { register as registerRun } from './run.js';
import { register as registerWorker } from './worker.js';
import { register as registerMappings } from './mappings.js';
import { register as registerSim } from './sim.js';
import { register as registerAlerts } from './alerts.js';
import { register as registerReport } from './report.js';

/**
 * The command registry: one line per command module (src/cli/<command>.ts), each exporting
 * `register(program)`.
 */
export function registerCommands(program: Command): void {
  registerCheck(program);
  registerPull(program);
  registerRun(program);
  registerDemo(program);
  registerWorker(program);
  registerEnqueue(program);
  registerMappings(program);
  registerSim(program);
  registerAlerts(program);
  registerReport(program);
}
