/** The only way code learns the time. Pure code receives instants; adapters receive a Clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always answers the same instant, for tests and `--as-of`. */
export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new TypeError(`fixedClock: not an instant: ${String(instant)}`);
  return { now: () => new Date(at) };
}
