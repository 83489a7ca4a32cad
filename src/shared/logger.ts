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

/**
 * Redis errors carry the command that failed (`err.command.args`); for the connection handshake
 * that is `HELLO 3 AUTH <user> <password>`. Returns `value` with every `command.args` found
 * (nested up to a few levels, arrays included) replaced by a count, copying only what changes.
 */
export function redactRedisCommands(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => redactRedisCommands(item, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = key === 'command' && isCommand(item) ? { ...item, args: `[redacted: ${item.args.length} args]` } : redactRedisCommands(item, depth + 1);
    if (next !== item) (copy ??= Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as object, value) as Record<string, unknown>)[key] = next;
  }
  return copy ?? value;
}

function isCommand(value: unknown): value is { args: unknown[] } {
  return value !== null && typeof value === 'object' && Array.isArray((value as { args?: unknown }).args);
}

/** pino's error serializer, then Redis command arguments removed (see redactRedisCommands). */
export function serializeError(error: unknown): unknown {
  return redactRedisCommands(pino.stdSerializers.err(error as Error));
}

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
    serializers: { err: serializeError, error: serializeError, cause: serializeError },
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
