import { Writable } from 'node:stream';
import { describe, expect, inject, it } from 'vitest';
import { startWorkerRuntime } from '../../../src/app/worker-runtime.js';
import { loadConfig } from '../../../src/config/load.js';
import { systemClock } from '../../../src/shared/clock.js';
import { isAppError } from '../../../src/shared/errors.js';
import { createLogger } from '../../../src/shared/logger.js';
import { runCli } from '../../support/cli.js';
import { freePort } from '../../support/redis-server.js';

const PASSWORD = 'pw-Zq81-never-in-a-log';

/** The test Redis with a user and password it does not know: the handshake fails with WRONGPASS. */
function wrongPasswordUrl(): string {
  const url = new URL(inject('redisUrl'));
  url.username = 'nobody';
  url.password = PASSWORD;
  return url.toString();
}

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}

const baseEnv = { STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 'secret', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'debug' };

describe('Redis credentials and reachability', () => {
  it('a wrong Redis password stops the worker with REDIS_UNSUITABLE and never reaches its log', async () => {
    const { lines, logger } = capturingLogger();
    const config = loadConfig({ ...baseEnv, REDIS_URL: wrongPasswordUrl(), REDIS_START_TIMEOUT_MS: '5000' });
    const started = startWorkerRuntime({ config, logger, clock: systemClock, http: false });
    await expect(started).rejects.toMatchObject({ code: 'REDIS_UNSUITABLE', message: expect.stringContaining('WRONGPASS') });
    const log = lines.join('');
    expect(log).toContain('redis connection error');
    expect(log).toContain('"command":{"name":"hello","args":"[redacted: 4 args]"}');
    expect(log).not.toContain(PASSWORD);
  });

  it('an unreachable Redis stops the worker with REDIS_UNSUITABLE after REDIS_START_TIMEOUT_MS', async () => {
    const { logger } = capturingLogger();
    const config = loadConfig({ ...baseEnv, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_START_TIMEOUT_MS: '1000' });
    const startedAt = Date.now();
    const error: unknown = await startWorkerRuntime({ config, logger, clock: systemClock, http: false }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('REDIS_UNSUITABLE');
    expect((error as Error).message).toMatch(/no answer within 1000 ms/);
    expect(Date.now() - startedAt).toBeLessThan(8_000);
  });

  it.each(
    [['alerts', 'preview', '--year', '2020'], ['report', '--year', '2020'], ['sync-now'], ['run', '--once', '--dry-run', '--year', '2020', '--as-of', '2021-03-01']].map(
      (args) => [args.join(' '), args] as const,
    ),
  )('`%s` with a wrong password prints one clean REDIS_UNSUITABLE line', async (_command, args) => {
    const result = await runCli([...args], { ...baseEnv, REDIS_URL: wrongPasswordUrl(), LOG_LEVEL: 'info' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('error REDIS_UNSUITABLE: Redis is not reachable: WRONGPASS invalid username-password pair or user is disabled.');
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    expect(result.stderr).not.toMatch(/Unhandled error event|INTERNAL/);
  });
});
