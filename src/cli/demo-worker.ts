import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createAlertRunnerFactory } from '../app/compose.js';
import { startWorkerRuntime } from '../app/worker-runtime.js';
import { loadConfig } from '../config/load.js';
import { enqueueSyncNow } from '../queue/producer.js';
import { watchRun } from '../queue/run-watch.js';
import { systemClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { buildDemoTenant, DEMO_EXAMPLE_UNIT, DEMO_TENANT_NAME } from '../sim/tenants/demo-tenant.js';
import type { TenantFixture } from '../sim/fixture.js';
import { createSimServer } from '../sim/server.js';
import { describeWatchedRun, progressPrinter } from './wait.js';

/**
 * `stratsys-sync demo --worker` (`npm run demo -- --worker`): the queue-driven setup on one
 * machine without Docker. Starts a throwaway `redis-server` when one is installed (else uses
 * REDIS_URL), the bundled simulated tenant and a worker with the settings the demo tenant needs
 * (year 2020 as of 1 March 2021), queues a sync, prints its summary and the status page URL, and
 * serves until Ctrl-C. Writes `<out>/worker.env` so other commands can reach the same worker.
 */
export interface DemoWorkerOptions {
  out: string;
  mappings: string;
  year: number;
  asOf: string;
  /** Port of the status page (0: any free one); default 8080, or a free one when 8080 is taken. */
  httpPort?: number;
  verbose: boolean;
}

interface LocalRedis {
  url: string;
  prefix: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The asked port, else 8080 when it is free, else 0 (any free port). */
async function statusPagePort(asked: number | undefined): Promise<number> {
  if (asked !== undefined) return asked;
  const server = net.createServer();
  const free = await new Promise<boolean>((resolve) => server.once('error', () => resolve(false)).listen(8080, '127.0.0.1', () => resolve(true)));
  if (free) await new Promise((resolve) => server.close(resolve));
  return free ? 8080 : 0;
}

async function waitForRedis(child: ChildProcess, port: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) break;
    const up = await new Promise<boolean>((resolve) =>
      net
        .connect(port, '127.0.0.1')
        .once('connect', function (this: net.Socket) {
          this.end();
          resolve(true);
        })
        .once('error', () => resolve(false)),
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new AppError('REDIS_UNSUITABLE', `redis-server did not start on port ${port}`);
}

/** A redis-server of our own (no persistence, noeviction) in `<dir>`, or REDIS_URL with a demo prefix. */
async function localRedis(dir: string): Promise<LocalRedis & { started: boolean }> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    const url = process.env.REDIS_URL;
    if (!url)
      throw new AppError('REDIS_UNSUITABLE', 'redis-server is not installed and REDIS_URL is not set: install Redis (e.g. `apt-get install redis-server`, `brew install redis`) or set REDIS_URL');
    return { url, prefix: 'stratsys-sync-demo', started: false, stop: async () => undefined };
  }
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', path.resolve(dir), '--maxmemory-policy', 'noeviction'], {
    stdio: 'ignore',
  });
  await waitForRedis(child, port);
  return {
    url: `redis://127.0.0.1:${port}`,
    prefix: 'stratsys-sync',
    started: true,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The settings every demo uses to reach the bundled tenant: its own tenant id, folders under `out`
 * and the given mappings, so a demo never touches a configured installation; mail only to the outbox.
 */
export function demoTenantSettings(baseUrl: string, fixture: TenantFixture, folders: { out: string; mappings: string }): Record<string, string> {
  return {
    TENANT_ID: 'demo',
    TENANT_NAME: DEMO_TENANT_NAME,
    STRATSYS_BASE_URL: baseUrl,
    STRATSYS_AUTH: 'basic',
    STRATSYS_CLIENT_ID: fixture.credentials.clientId,
    STRATSYS_CLIENT_SECRET: fixture.credentials.clientSecret,
    STRATSYS_MAX_RPS: '200',
    MAPPINGS_DIR: folders.mappings,
    STATE_DIR: path.join(folders.out, 'state'),
    REPORT_DIR: path.join(folders.out, 'reports'),
    OUTBOX_DIR: path.join(folders.out, 'outbox'),
  };
}

/** Runs the recipe until `signal` aborts; writes progress and summary to stderr/stdout. */
export async function runDemoWorker(options: DemoWorkerOptions, signal: AbortSignal): Promise<void> {
  const out = (text: string) => process.stdout.write(text);
  const redis = await localRedis(path.join(options.out, 'redis'));
  const fixture = buildDemoTenant();
  const sim = createSimServer({ fixture });
  let runtime: Awaited<ReturnType<typeof startWorkerRuntime>> | undefined;
  try {
    const baseUrl = await sim.listen(0, '127.0.0.1');
    const env: Record<string, string> = {
      ...demoTenantSettings(baseUrl, fixture, options),
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(await statusPagePort(options.httpPort)),
      SYNC_YEAR: String(options.year),
      SYNC_AS_OF: options.asOf,
    };
    const config = loadConfig(env);
    const logger = createLogger({ level: options.verbose ? 'debug' : 'warn', fd: 2 });
    process.stderr.write(`${redis.started ? 'started redis-server' : 'using REDIS_URL'} at ${redis.url}; simulated Stratsys tenant at ${baseUrl}\n`);
    runtime = await startWorkerRuntime({ config, logger, clock: systemClock, alerts: createAlertRunnerFactory(config, logger, systemClock) });
    const envFile = path.join(options.out, 'worker.env');
    await writeFile(
      envFile,
      `${Object.entries(env)
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
        .join('\n')}\n`,
      'utf8',
    );
    const pageUrl = `${runtime.httpUrl}/`;
    out(`Worker running for ${DEMO_TENANT_NAME}, year ${options.year} as of ${options.asOf}. Status page: ${pageUrl}\nQueued a sync:\n`);
    const queued = await enqueueSyncNow(runtime.queues, {}, new Date());
    const printer = progressPrinter(process.stderr);
    const watched = await watchRun(runtime.queues, queued.jobId, (progress) => printer.update(progress)).finally(() => printer.end());
    const { text, ok } = describeWatchedRun(watched);
    out(text);
    if (!ok) process.exitCode = 1;
    out(
      [
        '',
        `Status page: ${pageUrl}`,
        `Reports in ${config.REPORT_DIR}, e-mails in ${config.OUTBOX_DIR}.`,
        `Other commands reach this worker with its settings (${envFile}), e.g. in another terminal:`,
        `  npx stratsys-sync --settings ${envFile} rerun --department "${DEMO_EXAMPLE_UNIT}" --wait`,
        'Press Ctrl-C to stop the worker, the simulator and Redis.',
        '',
      ].join('\n'),
    );
    if (!signal.aborted) await once(signal, 'abort');
  } finally {
    await runtime?.close(5_000);
    await sim.close();
    await redis.stop();
    if (redis.started) await rm(path.join(options.out, 'redis'), { recursive: true, force: true });
  }
}
