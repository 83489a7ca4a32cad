/**
 * How request starts are spread over time: evenly, one start every `intervalMicros`, a margin below
 * the tenant's limit. Pacing at exactly the limit trips a sliding-window limiter whenever a start is
 * a little late and the next one on time (each 429 costs a slot and at least a second); a few per
 * cent of margin removes that. Pure.
 */
export interface PacingPlan {
  /** The limit the tenant enforces (STRATSYS_MAX_RPS), requests per second; may be fractional. */
  limitRps: number;
  /** The share of the limit left unused, 0 ≤ margin < 1 (STRATSYS_RPS_MARGIN / 100). */
  margin: number;
  /** Time between two request starts, in whole microseconds (rounded up: never faster than planned). */
  intervalMicros: number;
  /** The rate actually paced: 1,000,000 / intervalMicros. */
  paceRps: number;
}

/** Default margin below the limit, in per cent (STRATSYS_RPS_MARGIN). */
export const DEFAULT_RPS_MARGIN_PERCENT = 2;

/** The pacing for a limit of `limitRps` requests per second with `marginPercent` per cent unused. */
export function planPacing(limitRps: number, marginPercent: number = DEFAULT_RPS_MARGIN_PERCENT): PacingPlan {
  if (!(limitRps > 0) || !Number.isFinite(limitRps)) throw new RangeError(`planPacing: limit must be a positive number of requests per second, got ${limitRps}`);
  if (!(marginPercent >= 0 && marginPercent < 100)) throw new RangeError(`planPacing: margin must be at least 0 and below 100 per cent, got ${marginPercent}`);
  const margin = marginPercent / 100;
  const intervalMicros = Math.ceil(1_000_000 / (limitRps * (1 - margin)));
  return { limitRps, margin, intervalMicros, paceRps: 1_000_000 / intervalMicros };
}

/** Seconds that `requests` request starts take at least under `plan` (the first starts at once). */
export function pacedSeconds(plan: PacingPlan, requests: number): number {
  return (Math.max(0, requests - 1) * plan.intervalMicros) / 1_000_000;
}
