import { describe, expect, it } from 'vitest';
import { sharePercent } from '../../../src/rules/summaries.js';

describe('sharePercent (0–100, one decimal, half up)', () => {
  it.each([
    [0, 0, null],
    [0, 5, 0],
    [5, 5, 100],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 6, 16.7],
    [5, 7, 71.4],
    [1, 8, 12.5],
    [1, 16, 6.3], // 6.25 rounds half up
    [3, 16, 18.8], // 18.75
    [1, 2000, 0.1], // 0.05
    [1, 2001, 0], // 0.04998…
  ])('%i of %i → %s', (delivered, expected, share) => {
    expect(sharePercent(delivered, expected)).toBe(share);
  });
});
