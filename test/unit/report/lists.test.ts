import { describe, expect, it } from 'vitest';
import { appendAll, inParts, maxOf } from '../../../src/report/lists.js';

describe('list helpers for tables of any size', () => {
  it('append and find the largest of 300,000 items, where spreading them into a call throws', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(() => [0].push(...many)).toThrow(RangeError);
    expect(appendAll([-1], many)).toHaveLength(300_001);
    expect(maxOf(many)).toBe(299_999);
  });

  it('give the floor when nothing is larger', () => {
    expect(maxOf([], 1)).toBe(1);
    expect(maxOf([0, -3], 1)).toBe(1);
    expect(maxOf([])).toBe(-Infinity);
  });

  it('join pieces into parts no longer than the size, a longer piece alone, in order', () => {
    const pieces = ['ab', 'cd', 'e', '', 'fghijk', 'l', 'mn'];
    const parts = [...inParts(pieces, 4)];
    expect(parts).toEqual(['abcd', 'e', 'fghijk', 'lmn']);
    expect(parts.join('')).toBe(pieces.join(''));
    expect([...inParts([], 4)]).toEqual([]);
  });
});
