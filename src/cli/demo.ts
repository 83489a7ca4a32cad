import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { buildDemoTenant } from '../sim/tenants/demo-tenant.js';
import { createSimServer } from '../sim/server.js';
import { createLogger } from '../shared/logger.js';
import { action, parseInstantArg, parseIntArg, type GlobalOptions } from './common.js';
import { demoTenantSettings, runDemoWorker } from './demo-worker.js';
import { printRunResult, runOnceCommand } from './run.js';

interface DemoOptions {
  out: string;
  mappings: string;
  year: number;
  asOf: string;
  json?: boolean;
  dryRun?: boolean;
  worker?: boolean;
  httpPort?: number;
}

/**
 * `stratsys-sync demo`: starts the bundled simulated Gävle tenant on a free loopback port and runs
 * the whole pipeline once against it (file state and mail outbox under ./out/demo). With
 * `--worker`: Redis, the simulator and a worker instead, serving the status page (demo-worker.ts).
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description('run the pipeline once against the bundled simulated Stratsys tenant (no credentials, no Redis needed)')
    .option('--year <year>', 'reported year', parseIntArg('--year', 2018, 2020), 2020)
    .option('--as-of <date>', 'evaluate as of this date', parseInstantArg, '2021-03-01')
    .option('--out <dir>', "folder for the demo's state, reports and e-mail outbox", './out/demo')
    .option('--mappings <dir>', 'mapping files to use', './mappings')
    .option('--dry-run', 'show the write-back diff, write nothing, send nothing')
    .option('--json', 'print one machine-readable JSON document')
    .option('--worker', 'instead: start redis-server (if installed), the simulator and a worker, run a sync, serve the status page until Ctrl-C (state under <out>/worker)')
    .option('--http-port <n>', 'with --worker: port of the status page (default 8080, or a free one when 8080 is taken; 0 picks a free one)', parseIntArg('--http-port', 0, 65_535))
    .action(
      action(async (options: DemoOptions, command: Command) => {
        const verbose = command.optsWithGlobals<GlobalOptions>().verbose === true;
        if (options.worker) return demoWorker(options, verbose);
        const fixture = buildDemoTenant();
        // The simulator keeps real time: report-list deadlines are "today − DaysDelayed" on both sides.
        const sim = createSimServer({ fixture });
        const baseUrl = await sim.listen(0, '127.0.0.1');
        try {
          const env = {
            PATH: process.env.PATH,
            LOG_LEVEL: process.env.LOG_LEVEL,
            ...demoTenantSettings(baseUrl, fixture, options),
          };
          const config = loadConfig(env);
          const logger = createLogger({ level: verbose ? 'debug' : 'warn', fd: 2 });
          if (!options.json) process.stderr.write(`simulated Stratsys tenant "${fixture.application.Name}" at ${baseUrl}\n`);
          const result = await runOnceCommand({ config, logger, verbose }, { once: true, year: options.year, asOf: options.asOf, dryRun: options.dryRun, json: options.json });
          printRunResult(result, options.json === true, config.TENANT_NAME);
          if (!options.json && !options.dryRun) process.stderr.write(`reports in ${config.REPORT_DIR}, state in ${config.STATE_DIR}, mail in ${config.OUTBOX_DIR}\n`);
        } finally {
          await sim.close();
        }
      }),
    );
}

async function demoWorker(options: DemoOptions, verbose: boolean): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await runDemoWorker({ out: path.join(options.out, 'worker'), mappings: options.mappings, year: options.year, asOf: options.asOf, httpPort: options.httpPort, verbose }, controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
