/**
 * Comparing KPI values the way Stratsys stores them. Pure.
 *
 * Stratsys saves a value with more decimals than its KPI column keeps rounded to the column's
 * decimals (manual "Importera måttdata"; contract 5.14), and answers `PUT kpidata` with the value it
 * now holds. A write into a locked period is ignored and answered with the OLD value
 * (`KpiDataServiceUT.cs`, `When_updating_kpiData_for_locked_input_Should_return_old_value`). The KPI
 * column DTO has no decimals field, so a column's precision is learned from an echo and remembered
 * (in the audit log) for the next run's comparison.
 */

/** How Stratsys answered one write. */
export type EchoVerdict =
  /** Stored exactly as sent. */
  | { outcome: 'applied'; rounded: false; decimals: null }
  /** Stored as our value rounded to `decimals` (the echo's own precision): written, rounded by Stratsys. */
  | { outcome: 'applied'; rounded: true; decimals: number }
  /** The old value came back: a locked period, the write was ignored. */
  | { outcome: 'rejected'; reason: 'locked'; decimals: null }
  /** Neither ours (at any precision) nor the old value: reported, never taken as written. */
  | { outcome: 'rejected'; reason: 'other-value'; decimals: null };

/** Relative tolerance for two doubles that mean the same decimal number. */
const EPSILON = 1e-9;

/** True when both are null, or both are numbers equal up to float noise (33.300000000000004 = 33.3). */
export function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Decimals in the shortest decimal form of a number (71 → 0, 71.4 → 1, 1e-7 → 7), at most 10. */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return 0;
  for (let decimals = 0; decimals < 10; decimals += 1) if (sameValue(roundTo(value, decimals), value)) return decimals;
  return 10;
}

/** Rounded to `decimals`, half away from zero (66.65 → 66.7, -0.5 → -1). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  // Nudge by a relative epsilon so that 66.65 (stored as 66.6499999…) rounds up as written.
  return (Math.sign(value) * Math.round(scaled + scaled * EPSILON)) / factor;
}

/**
 * Judges the echo of a write of `sent` over `before`. Our value rounded to the echo's precision is a
 * successful write, even when it also equals the old value (the KPI then shows our value at the
 * column's precision either way); only an echo equal to the old value and not to ours is a locked
 * period. Anything else is rejected as another value.
 */
export function judgeEcho(sent: number | null, before: number | null, echo: number | null): EchoVerdict {
  if (sameValue(echo, sent)) return { outcome: 'applied', rounded: false, decimals: null };
  if (echo !== null && sent !== null) {
    const decimals = decimalsOf(echo);
    if (sameValue(roundTo(sent, decimals), echo)) return { outcome: 'applied', rounded: true, decimals };
  }
  if (sameValue(echo, before)) return { outcome: 'rejected', reason: 'locked', decimals: null };
  return { outcome: 'rejected', reason: 'other-value', decimals: null };
}

/**
 * Whether the stored value already is our value: equal, or equal to our value rounded to the
 * precision this column was seen to keep (`learnedDecimals`, from an earlier rounded echo). Without a
 * learned precision a stored 71 never stands for 71.4: it may be a one-decimal column holding 71.0.
 */
export function isUnchanged(stored: number | null, ours: number, learnedDecimals: number | null): boolean {
  if (stored === null) return false;
  if (sameValue(stored, ours)) return true;
  return learnedDecimals !== null && sameValue(stored, roundTo(ours, learnedDecimals));
}
