/**
 * Failed `POST /login` attempts per client address: after `maxFailures` within `windowMs` that
 * address gets 429 until its window ends. Counted per process (each replica counts alone) and for
 * at most `maxClients` addresses at once, so a flood of addresses cannot grow memory without end.
 */
export interface LoginLimiter {
  /** Seconds until `client` may try again, or 0 when it may try now. */
  retryAfterSeconds(client: string): number;
  /** Counts one failed attempt of `client`. */
  recordFailure(client: string): void;
}

export interface LoginLimitOptions {
  /** Default 10. */
  maxFailures?: number;
  /** Default 15 minutes. */
  windowMs?: number;
  /** Default 10,000. */
  maxClients?: number;
}

/** A fixed-window counter per client; `now` gives epoch milliseconds. */
export function createLoginLimiter(now: () => number, options: LoginLimitOptions = {}): LoginLimiter {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const maxClients = options.maxClients ?? 10_000;
  const windows = new Map<string, { failures: number; endsAt: number }>();
  const current = (client: string) => {
    const entry = windows.get(client);
    if (entry && entry.endsAt <= now()) windows.delete(client);
    return entry && entry.endsAt > now() ? entry : undefined;
  };
  return {
    retryAfterSeconds(client) {
      const entry = current(client);
      return entry && entry.failures >= maxFailures ? Math.ceil((entry.endsAt - now()) / 1000) : 0;
    },
    recordFailure(client) {
      const entry = current(client);
      if (entry) {
        entry.failures += 1;
        return;
      }
      if (windows.size >= maxClients) for (const [key, value] of windows) if (value.endsAt <= now()) windows.delete(key);
      if (windows.size >= maxClients) windows.delete(windows.keys().next().value as string);
      windows.set(client, { failures: 1, endsAt: now() + windowMs });
    },
  };
}
