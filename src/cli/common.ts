import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, type Config } from '../config/load.js';
import { AS_OF_MIN_YEAR, isValidAsOf } from '../shared/as-of.js';
import { AppError, isAppError, toAppError } from '../shared/errors.js';
import { createLogger, type Logger } from '../shared/logger.js';

/** Options every command accepts (declared once on the program). */
export interface GlobalOptions {
  verbose?: boolean;
}

export interface CommandContext {
  config: Config;
  logger: Logger;
  verbose: boolean;
}

/** Loads config and a stderr logger for a command; `env` is injectable for tests. */
export function createCommandContext(command: Command, env: NodeJS.ProcessEnv = process.env): CommandContext {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig(env);
  const verbose = globals.verbose === true;
  const logger = createLogger({ level: verbose ? 'debug' : config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, fd: 2 });
  return { config, logger, verbose };
}

/**
 * Wraps a command action: a failure prints one clear line (`error CODE: message`) and sets a
 * non-zero exit code; the stack is shown only with --verbose.
 */
export function action<Args extends unknown[]>(fn: (...args: Args) => Promise<void> | void) {
  return async (...args: Args): Promise<void> => {
    try {
      await fn(...args);
    } catch (error) {
      const command = args[args.length - 1] as Command | undefined;
      const verbose = command?.optsWithGlobals<GlobalOptions>().verbose === true;
      reportFailure(error, verbose);
    }
  };
}

export function reportFailure(error: unknown, verbose: boolean): void {
  const appError = toAppError(error);
  process.stderr.write(`error ${appError.code}: ${appError.message}\n`);
  if (verbose) process.stderr.write(`${(isAppError(error) ? error : appError).stack ?? ''}\n`);
  process.exitCode = 1;
}

/** A whole-number option in decimal digits only (`Number()` would also take `0x7e3`, `1e3`, ` 2019`). */
export function parseIntArg(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return parsed;
  };
}

/** `--as-of`: a date (`yyyy-MM-dd`, start of that day in the report time zone is decided by the caller) or an ISO instant. */
export function parseInstantArg(value: string): string {
  if (isValidAsOf(value)) return value;
  throw new InvalidArgumentError(`expected a date (yyyy-MM-dd) or an ISO 8601 instant with Z or an offset (2021-03-01T08:00:00Z), from year ${AS_OF_MIN_YEAR} on`);
}

export function usageError(message: string): AppError {
  return new AppError('CLI_USAGE', message);
}
