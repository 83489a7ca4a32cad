import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../../../src/config/load.js';
import { AppError } from '../../../src/shared/errors.js';

const base = { STRATSYS_AUTH: 'basic', STRATSYS_CLIENT_ID: 'app', STRATSYS_CLIENT_SECRET: 'top-secret-value' };

function configError(env: Record<string, string>): AppError {
  try {
    loadConfig(env);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies documented defaults and freezes the result', () => {
    const config = loadConfig(base);
    expect(config.STRATSYS_BASE_URL).toBe('https://www.stratsys.se/api/v1/');
    expect(config.MAPPINGS_DIR).toBe('./mappings');
    expect(config.REPORT_TIME_ZONE).toBe('Europe/Stockholm');
    expect(config.NIGHTLY_CRON).toBe('30 2 * * *');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes a fractional request limit and a margin below it', () => {
    const config = loadConfig({ ...base, STRATSYS_MAX_RPS: '2.5', STRATSYS_RPS_MARGIN: '5' });
    expect([config.STRATSYS_MAX_RPS, config.STRATSYS_RPS_MARGIN]).toEqual([2.5, 5]);
    expect(loadConfig(base).STRATSYS_RPS_MARGIN).toBe(2);
  });

  it('adds the trailing slash to the base URL', () => {
    expect(loadConfig({ ...base, STRATSYS_BASE_URL: 'http://127.0.0.1:4010/api/v1' }).STRATSYS_BASE_URL).toBe('http://127.0.0.1:4010/api/v1/');
  });

  it.each([
    [{ STRATSYS_MAX_RPS: 'fast' }, 'STRATSYS_MAX_RPS'],
    [{ STRATSYS_MAX_RPS: '1e3' }, 'STRATSYS_MAX_RPS'],
    [{ STRATSYS_MAX_RPS: '0' }, 'STRATSYS_MAX_RPS'],
    [{ STRATSYS_RPS_MARGIN: '60' }, 'STRATSYS_RPS_MARGIN'],
    [{ STRATSYS_AUTH: 'kerberos' }, 'STRATSYS_AUTH'],
    [{ STRATSYS_BASE_URL: 'ftp://x' }, 'STRATSYS_BASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ REPORT_TIME_ZONE: 'Europe/Gävle' }, 'REPORT_TIME_ZONE'],
    [{ STRATSYS_AUTH: 'client-credentials' }, 'STRATSYS_TOKEN_URL'],
    [{ STRATSYS_CLIENT_ID: '' }, 'STRATSYS_CLIENT_ID'],
    [{ STRATSYS_BASE_URL: 'http://stratsys.example/api/v1/' }, 'STRATSYS_BASE_URL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ SYNC_AS_OF: '2021-3-1' }, 'SYNC_AS_OF'],
  ])('names the variable in error %#', (override, variable) => {
    const error = configError({ ...base, ...override });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`${variable}:`);
  });

  it('allows plain http to loopback, or anywhere when explicitly allowed', () => {
    expect(loadConfig({ ...base, STRATSYS_BASE_URL: 'http://127.0.0.1:4010/api/v1/' }).STRATSYS_BASE_URL).toBe('http://127.0.0.1:4010/api/v1/');
    expect(loadConfig({ ...base, STRATSYS_BASE_URL: 'http://sim:4010/api/v1/', STRATSYS_ALLOW_INSECURE_HTTP: 'true' }).STRATSYS_ALLOW_INSECURE_HTTP).toBe(true);
  });

  it('never echoes a secret value, even a malformed one', () => {
    const error = configError({ ...base, STRATSYS_MAX_RETRIES: 'x', REDIS_URL: 'redis-password-in-a-bad-url', SMTP_URL: 'bad-smtp-secret' });
    expect(error.message).not.toMatch(/top-secret-value|redis-password|bad-smtp-secret/);
  });

  it('masks secrets in the effective settings', () => {
    const shown = describeConfig(loadConfig({ ...base, ADMIN_TOKEN: 'admintoken-0123456789-abcdef', REDIS_URL: 'redis://:pw@localhost:6379' }));
    expect(shown.STRATSYS_CLIENT_SECRET).toBe('***');
    expect(shown.ADMIN_TOKEN).toBe('***');
    expect(shown.REDIS_URL).toBe('***');
    expect(shown.STRATSYS_CLIENT_ID).toBe('app');
  });
});
