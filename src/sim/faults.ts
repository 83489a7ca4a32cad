import { z } from 'zod';
import { createPrng, type Prng } from './prng.js';

/**
 * Fault injection for the simulated tenant. Every fault is off (null) by default and may be
 * restricted to requests whose path (no query string, e.g. `/api/v1/comments/6001/filter`)
 * matches `path`, a case-insensitive regular expression. Counting faults (`count`) fire on the next
 * `count` matching requests in arrival order and then switch themselves off, so a test that sends
 * requests one after another sees the same faults every run.
 */
const PathPattern = z
  .string()
  .min(1)
  .refine((value) => {
    try {
      new RegExp(value, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'expected a valid regular expression')
  .optional();
const Count = z.number().int().min(0).max(1_000_000);

const FAULT_SHAPES = {
  /** Fixed delay before every matching request is handled, in milliseconds. */
  latency: z.object({ ms: z.number().int().min(0).max(120_000), path: PathPattern }).nullable(),
  /** Requests per second across the server (sliding one-second window); beyond it 429 with `Retry-After: 1`. */
  rateLimit: z.object({ rps: z.number().int().min(1).max(100_000), path: PathPattern }).nullable(),
  /** The next `count` matching requests get 429; `Retry-After` as delta seconds or as an HTTP date (sim clock + seconds). */
  tooManyRequests: z
    .object({
      count: Count,
      retryAfterSeconds: z.number().int().min(0).max(86_400).default(1),
      retryAfterFormat: z.enum(['seconds', 'http-date']).default('seconds'),
      path: PathPattern,
    })
    .nullable(),
  /** The next `count` matching requests get this gateway/server error. */
  serverErrors: z.object({ count: Count, status: z.union([z.literal(502), z.literal(503), z.literal(504)]).default(503), path: PathPattern }).nullable(),
  /** The next `count` matching requests have their connection destroyed without an answer. */
  connectionResets: z.object({ count: Count, path: PathPattern }).nullable(),
  /** The next `count` matching responses are cut in half: HTTP 200, `application/json`, not parseable. */
  malformedJson: z.object({ count: Count, path: PathPattern }).nullable(),
  /**
   * Until cleared, matching responses drift from the contract: `field` is dropped, set to null, or
   * wrapped into an object (`{"Value": <old>}`) on the `Result` object or on each item of a `Result` array.
   */
  schemaDrift: z.object({ field: z.string().min(1), mode: z.enum(['drop', 'null', 'object']).default('drop'), path: PathPattern }).nullable(),
  /**
   * Until cleared, every item of a matching response's `Result` array is sent `1 + copies` times in
   * a row: duplicate ids, and with many copies an oversized body.
   */
  duplicateItems: z.object({ copies: z.number().int().min(1).max(1_000_000), path: PathPattern }).nullable(),
  /**
   * Until cleared, each matching request fails with probability `rate` as one of `kinds`, picked at
   * random: 429 (with `Retry-After: retryAfterSeconds`), 503, or a connection reset. Seeded: the
   * same requests in the same order meet the same faults.
   */
  random: z
    .object({
      rate: z.number().min(0).max(1),
      kinds: z
        .array(z.enum(['429', '503', 'reset']))
        .min(1)
        .default(['429', '503', 'reset']),
      retryAfterSeconds: z.number().int().min(0).max(60).default(1),
      seed: z.number().int().default(1),
      path: PathPattern,
    })
    .nullable(),
};

/** The complete fault settings; absent keys are off. */
export const FaultsSchema = z.object({
  latency: FAULT_SHAPES.latency.default(null),
  rateLimit: FAULT_SHAPES.rateLimit.default(null),
  tooManyRequests: FAULT_SHAPES.tooManyRequests.default(null),
  serverErrors: FAULT_SHAPES.serverErrors.default(null),
  connectionResets: FAULT_SHAPES.connectionResets.default(null),
  malformedJson: FAULT_SHAPES.malformedJson.default(null),
  schemaDrift: FAULT_SHAPES.schemaDrift.default(null),
  duplicateItems: FAULT_SHAPES.duplicateItems.default(null),
  random: FAULT_SHAPES.random.default(null),
});
/** The fault settings in force; null = off. */
export type Faults = z.infer<typeof FaultsSchema>;

/** A partial update: present keys replace the current setting (null switches a fault off). */
export const FaultsPatchSchema = z.object(FAULT_SHAPES).partial().strict();
/** Input form of a partial update (defaults inside a fault may be left out). */
export type FaultsPatch = z.input<typeof FaultsPatchSchema>;

/** Every fault off. */
export const NO_FAULTS: Faults = FaultsSchema.parse({});

/** What the fault engine decided for one request. */
export type FaultDecision =
  { kind: 'reset' } | { kind: 'status'; status: 429 | 502 | 503 | 504; retryAfter?: string } | { kind: 'pass'; malformed: boolean; drift: Faults['schemaDrift']; copies: number };

type Counting = 'tooManyRequests' | 'serverErrors' | 'connectionResets' | 'malformedJson';

const WINDOW_MS = 1000;

/**
 * Holds the current faults and decides per request, in this order: connection reset, rate limit,
 * counted 429, counted 5xx, random faults; a request that passes may still be marked for a
 * malformed body and for schema drift. Latency is applied by the caller before asking (`latencyFor`). Timing of the
 * rate limit uses `monotonicMs` (real time); Retry-After dates use the sim clock.
 */
export class FaultEngine {
  private current: Faults = structuredClone(NO_FAULTS);
  private readonly accepted: number[] = [];
  private prng: Prng = createPrng(1);

  constructor(
    initial: FaultsPatch,
    private readonly clock: () => Date,
    private readonly monotonicMs: () => number = () => performance.now(),
  ) {
    this.set(initial);
  }

  /** The current faults, counts showing what is left. */
  get(): Faults {
    return structuredClone(this.current);
  }

  /** Applies a partial update (validated) and returns the new faults. */
  set(patch: FaultsPatch): Faults {
    const parsed = FaultsPatchSchema.parse(patch);
    this.current = FaultsSchema.parse({ ...this.current, ...parsed });
    this.accepted.length = 0;
    if (parsed.random) this.prng = createPrng(this.current.random?.seed ?? 1);
    return this.get();
  }

  latencyFor(path: string): number {
    const latency = this.current.latency;
    return latency && matches(latency.path, path) ? latency.ms : 0;
  }

  decide(path: string): FaultDecision {
    if (this.take('connectionResets', path)) return { kind: 'reset' };
    const limit = this.current.rateLimit;
    if (limit && matches(limit.path, path)) {
      const now = this.monotonicMs();
      while (this.accepted.length > 0 && (this.accepted[0] ?? 0) <= now - WINDOW_MS) this.accepted.shift();
      if (this.accepted.length >= limit.rps) return { kind: 'status', status: 429, retryAfter: '1' };
      this.accepted.push(now);
    }
    const tooMany = this.current.tooManyRequests;
    if (tooMany && this.take('tooManyRequests', path)) {
      const seconds = tooMany.retryAfterSeconds;
      const retryAfter = tooMany.retryAfterFormat === 'seconds' ? String(seconds) : new Date(this.clock().getTime() + seconds * 1000).toUTCString();
      return { kind: 'status', status: 429, retryAfter };
    }
    const errors = this.current.serverErrors;
    if (errors && this.take('serverErrors', path)) return { kind: 'status', status: errors.status };
    const random = this.current.random;
    if (random && matches(random.path, path) && this.prng.chance(random.rate)) {
      const kind = this.prng.pick(random.kinds);
      if (kind === 'reset') return { kind: 'reset' };
      return kind === '429' ? { kind: 'status', status: 429, retryAfter: String(random.retryAfterSeconds) } : { kind: 'status', status: 503 };
    }
    const malformed = this.take('malformedJson', path);
    const drift = this.current.schemaDrift && matches(this.current.schemaDrift.path, path) ? this.current.schemaDrift : null;
    const duplicate = this.current.duplicateItems;
    const copies = duplicate && matches(duplicate.path, path) ? duplicate.copies : 0;
    return { kind: 'pass', malformed, drift, copies };
  }

  private take(name: Counting, path: string): boolean {
    const fault = this.current[name];
    if (!fault || fault.count <= 0 || !matches(fault.path, path)) return false;
    fault.count -= 1;
    if (fault.count === 0) this.current[name] = null;
    return true;
  }
}

function matches(pattern: string | undefined, path: string): boolean {
  return pattern === undefined || new RegExp(pattern, 'i').test(path);
}

/** Repeats every item of an envelope's `Result` array `1 + copies` times in a row; other payloads unchanged. */
export function duplicateResultItems(payload: unknown, copies: number): unknown {
  if (copies <= 0 || payload === null || typeof payload !== 'object' || !('Result' in payload)) return payload;
  const envelope = payload as { Result: unknown };
  if (!Array.isArray(envelope.Result)) return payload;
  return { ...envelope, Result: envelope.Result.flatMap((item: unknown) => Array.from({ length: copies + 1 }, () => item)) };
}

/** Applies schema drift to a response envelope's `Result` (the envelope itself is left intact). */
export function applyDrift(payload: unknown, drift: NonNullable<Faults['schemaDrift']>): unknown {
  if (payload === null || typeof payload !== 'object' || !('Result' in payload)) return payload;
  const envelope = payload as { Result: unknown };
  const mutate = (item: unknown): unknown => {
    if (item === null || typeof item !== 'object' || Array.isArray(item) || !(drift.field in item)) return item;
    const copy: Record<string, unknown> = { ...(item as Record<string, unknown>) };
    if (drift.mode === 'drop') delete copy[drift.field];
    else if (drift.mode === 'null') copy[drift.field] = null;
    else copy[drift.field] = { Value: copy[drift.field] };
    return copy;
  };
  const result = Array.isArray(envelope.Result) ? envelope.Result.map(mutate) : mutate(envelope.Result);
  return { ...envelope, Result: result };
}
