import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { startWorkerRuntime } from '../app/worker-runtime.js';
import { createAlertRunnerFactory } from '../app/compose.js';
import { installSignalHandlers } from '../queue/shutdown.js';
import { systemClock } from '../shared/clock.js';
import { createLogger } from '../shared/logger.js';
import { action, type GlobalOptions } from './common.js';

/** `stratsys-sync worker`: the queue worker with its nightly schedule and admin HTTP. */
export function register(program: Command): void {
  program
    .command('worker')
    .description('run the BullMQ worker: nightly sync schedule, imports, evaluation, write-back, alerts, admin HTTP (needs REDIS_URL)')
    .option('--no-http', 'do not start the admin HTTP server')
    .action(
      action(async (options: { http: boolean }, command: Command) => {
        const config = loadConfig();
        const verbose = command.optsWithGlobals<GlobalOptions>().verbose === true;
        const logger = createLogger({ level: verbose ? 'debug' : config.LOG_LEVEL, fd: 1 });
        const runtime = await startWorkerRuntime({ config, logger, clock: systemClock, http: options.http, alerts: createAlertRunnerFactory(config, logger, systemClock) });
        installSignalHandlers(() => runtime.close(), logger);
      }),
    );
}
