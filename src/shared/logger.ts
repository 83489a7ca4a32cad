import { pino, type Logger, type DestinationStream, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths that pino censors wherever they appear in a log line. Headers, tokens, secrets and
 * passwords never reach a log, whichever object carries them.
 */
export const REDACT_PATHS = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'config.headers',
  '*.config.headers',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'access_token',
  '*.access_token',
  'adminToken',
  '*.adminToken',
  'smtpUrl',
  '*.smtpUrl',
  'redisUrl',
  '*.redisUrl',
  'STRATSYS_CLIENT_SECRET',
  'ADMIN_TOKEN',
  'SMTP_URL',
  'REDIS_URL',
];

export interface LoggerSettings {
  level?: string;
  /** Pretty, human output; defaults to whether stdout is a TTY. */
  pretty?: boolean;
  destination?: DestinationStream;
  /** File descriptor for JSON lines: 1 for the worker, 2 for CLI commands whose stdout is data. */
  fd?: 1 | 2;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: 'stratsys-sync' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  if (settings.destination) return pino(options, settings.destination);
  if (settings.pretty ?? process.stdout.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: settings.fd ?? 2, translateTime: 'SYS:standard' } } });
  }
  return pino(options, pino.destination(settings.fd ?? 2));
}

/** A logger that drops everything, for quiet tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
