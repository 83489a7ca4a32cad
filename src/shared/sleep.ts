/** Waits `ms` milliseconds; injected wherever code waits, so tests can count the waits instead of taking them. */
export type Sleep = (ms: number) => Promise<void>;

/** The real wait: a timer. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
