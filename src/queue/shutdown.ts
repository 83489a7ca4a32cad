import type { Logger } from '../shared/logger.js';

export interface Closable {
  name: string;
  close(): Promise<unknown>;
}

/**
 * Closes the parts in order (stop taking jobs, let running ones finish, close connections) within
 * `timeoutMs`; resolves true when everything closed in time.
 */
export async function closeAll(parts: Closable[], timeoutMs: number, logger: Logger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const sequence = (async () => {
    for (const part of parts) {
      try {
        await part.close();
      } catch (error) {
        logger.warn({ err: error, part: part.name }, 'close failed');
      }
    }
    return true as const;
  })();
  const closed = await Promise.race([sequence, deadline]);
  clearTimeout(timer);
  return closed;
}

/**
 * SIGTERM/SIGINT: graceful close with a deadline, then exit 0 (or 1 when the deadline passed).
 * A second signal forces exit at once.
 */
export function installSignalHandlers(shutdown: () => Promise<boolean>, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: forcing exit');
      exit(130);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: no new jobs, waiting for running ones');
    void shutdown().then((clean) => {
      logger.info({ clean }, 'shutdown complete');
      exit(clean ? 0 : 1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
