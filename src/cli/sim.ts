import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { TZDate } from '@date-fns/tz';
import { InvalidArgumentError, type Command } from 'commander';
import { createLogger, type Logger } from '../shared/logger.js';
import { buildDemoTenant, generateLargeTenant, type LargeTenantOptions } from '../sim/tenants/demo-tenant.js';
import { SIM_TIME_ZONE } from '../sim/deadlines.js';
import type { FaultsPatch } from '../sim/faults.js';
import type { TenantFixture } from '../sim/fixture.js';
import { loadTenantFixture } from '../sim/tenants/load-fixture.js';
import { parseReadingArg, READING_VALUES, type ReadingsPatch } from '../sim/readings.js';
import { createSimServer } from '../sim/server.js';
import { action, parseInstantArg, parseIntArg, usageError, type GlobalOptions } from './common.js';

/** Which tenant to serve or dump. */
export interface TenantSourceOptions {
  tenant?: string;
  large?: boolean;
  units?: number;
  activities?: number;
  comments?: number;
  kpiValues?: number;
  seed?: number;
}

/** Options of `stratsys-sync sim`. */
export interface SimCliOptions extends TenantSourceOptions {
  port: number;
  host: string;
  now?: string;
  latency?: number;
  rateLimit?: number;
  tokenTtl: number;
  controlToken?: string;
  /** Contract readings this tenant shows (`--reading name=value`, repeatable; src/sim/readings.ts). */
  reading?: ReadingsPatch;
}

/** The process edges `runSim` uses (injectable for tests). */
export interface SimIo {
  /** Where the ready line goes (stdout for the command). */
  out: NodeJS.WritableStream;
  /** Aborting stops the server and ends `runSim`. */
  signal: AbortSignal;
  logger?: Logger;
}

/** The fixture the options ask for: a file, a generated large tenant, or the demo tenant. */
export async function tenantFromOptions(options: TenantSourceOptions): Promise<TenantFixture> {
  const sized = [options.units, options.activities, options.comments, options.kpiValues, options.seed].some((v) => v !== undefined);
  if (options.tenant !== undefined) {
    if (options.large || sized) throw usageError('--tenant cannot be combined with --large or the size options');
    return loadTenantFixture(options.tenant);
  }
  if (options.large || sized) {
    const sizes: LargeTenantOptions = { units: options.units, activities: options.activities, comments: options.comments, kpiValues: options.kpiValues, seed: options.seed };
    return generateLargeTenant(sizes);
  }
  return buildDemoTenant();
}

/**
 * The sim clock: real time, or — with `--now` — real time shifted so that it starts at that date
 * (a `yyyy-MM-dd` is midnight in Europe/Stockholm) and keeps running from there.
 */
export function simClock(now: string | undefined, realNow: () => number = Date.now): () => Date {
  if (now === undefined) return () => new Date(realNow());
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(now);
  const start = day ? new TZDate(Number(day[1]), Number(day[2]) - 1, Number(day[3]), SIM_TIME_ZONE).getTime() : Date.parse(now);
  const offset = start - realNow();
  return () => new Date(realNow() + offset);
}

/** Starts the simulator, prints one ready line with the env to use, and serves until `io.signal` aborts. */
export async function runSim(options: SimCliOptions, io: SimIo): Promise<void> {
  const fixture = await tenantFromOptions(options);
  const faults: FaultsPatch = {};
  if (options.latency !== undefined) faults.latency = { ms: options.latency };
  if (options.rateLimit !== undefined) faults.rateLimit = { rps: options.rateLimit };
  const server = createSimServer({
    fixture,
    clock: simClock(options.now),
    faults,
    readings: options.reading,
    controlToken: options.controlToken,
    tokenTtlSeconds: options.tokenTtl,
    logger: io.logger,
  });
  const baseUrl = await server.listen(options.port, options.host);
  const origin = new URL(baseUrl).origin;
  const env = [
    `STRATSYS_BASE_URL=${baseUrl}`,
    'STRATSYS_AUTH=basic',
    `STRATSYS_CLIENT_ID=${fixture.credentials.clientId}`,
    `STRATSYS_CLIENT_SECRET=${fixture.credentials.clientSecret}`,
    `STRATSYS_COMPANY_CODE=${fixture.companyCode}`,
    `STRATSYS_TOKEN_URL=${origin}/oauth/token`,
    `SIM_CONTROL_TOKEN=${server.controlToken}`,
  ];
  io.out.write(`stratsys sim listening; use: ${env.join(' ')}\n`);
  try {
    if (!io.signal.aborted) await once(io.signal, 'abort');
  } finally {
    await server.close();
  }
}

/** Writes the fixture the options ask for as pretty JSON. */
export async function dumpFixture(options: TenantSourceOptions & { out: string }): Promise<void> {
  const fixture = await tenantFromOptions(options);
  await writeFile(options.out, `${JSON.stringify(fixture, null, 2)}\n`, 'utf8');
}

function addTenantSizeOptions(command: Command): Command {
  return command
    .option('--large', 'a large generated tenant (default 200 units, 6,000 activities, 18,000 comments, 1,000 KPI values)')
    .option('--units <n>', 'units of the large tenant', parseIntArg('--units', 1, 100_000))
    .option('--activities <n>', 'activities of the large tenant', parseIntArg('--activities', 0, 10_000_000))
    .option('--comments <n>', 'comments of the large tenant', parseIntArg('--comments', 0, 10_000_000))
    .option('--kpi-values <n>', 'stored KPI values of the large tenant', parseIntArg('--kpi-values', 0, 10_000_000))
    .option('--seed <n>', 'PRNG seed of the large tenant (default 1)', parseIntArg('--seed', 0, 2 ** 31 - 1));
}

/** `stratsys-sync sim [options]` and `stratsys-sync sim dump --out FILE`. */
export function register(program: Command): void {
  const sim = program
    .command('sim')
    .description('Serve a simulated Stratsys tenant (API v1, OAuth2 token endpoint, fault injection) until SIGINT/SIGTERM')
    .enablePositionalOptions()
    .option('--port <n>', 'port to listen on; 0 picks a free one', parseIntArg('--port', 0, 65_535), 4010)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--tenant <file>', 'serve this tenant fixture (JSON) instead of the demo tenant')
    .option('--now <date>', 'start the sim clock at this date (yyyy-MM-dd, Stockholm midnight) or ISO instant; it keeps running', parseInstantArg)
    .option('--latency <ms>', 'delay every request by this many milliseconds', parseIntArg('--latency', 0, 120_000))
    .option('--rate-limit <rps>', 'answer 429 beyond this many requests per second', parseIntArg('--rate-limit', 1, 100_000))
    .option('--token-ttl <s>', 'lifetime of issued OAuth2 tokens, in seconds', parseIntArg('--token-ttl', 1, 30 * 86_400), 3600)
    .option('--control-token <token>', 'bearer token of the /__sim control API (default: random, printed)')
    .option(
      '--reading <name=value>',
      `serve one reading of an open contract point, repeatable: ${Object.entries(READING_VALUES)
        .map(([name, values]) => `${name}=${values.join('|')}`)
        .join(', ')} (first value = default)`,
      (value: string, previous: ReadingsPatch | undefined) => {
        try {
          return parseReadingArg(value, previous);
        } catch (error) {
          throw new InvalidArgumentError((error as Error).message);
        }
      },
    );
  addTenantSizeOptions(sim).action(
    action(async (options: SimCliOptions, command: Command) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const verbose = command.optsWithGlobals<GlobalOptions>().verbose === true;
      try {
        await runSim(options, { out: process.stdout, signal: controller.signal, logger: verbose ? createLogger({ level: 'debug', fd: 2 }) : undefined });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    }),
  );

  addTenantSizeOptions(sim.command('dump').description('Write the tenant fixture (demo, or large with --large) as JSON'))
    .requiredOption('--out <file>', 'file to write')
    .action(
      action(async (_options: unknown, command: Command) => {
        await dumpFixture(command.optsWithGlobals<TenantSourceOptions & { out: string }>());
      }),
    );
}
