import { describe, expect, it } from 'vitest';
import { prettyJsonParts } from '../../../src/shared/json-parts.js';

const joined = (value: unknown, options?: Parameters<typeof prettyJsonParts>[1]) => [...prettyJsonParts(value, options)].join('');

describe('prettyJsonParts (JSON.stringify(value, null, 2) in parts)', () => {
  const cases: Record<string, unknown> = {
    'a run document': {
      runId: 'nightly-1',
      asOf: '2020-03-01T00:00:00.000Z',
      evaluation: {
        year: 2020,
        reports: [
          { id: 'r1', evidence: { nodes: ['1', '2'], unreadable: [] } },
          { id: 'r2', state: 'missing', note: 'rad 1\nrad 2 "citat"' },
        ],
        byFocusArea: [],
      },
      unmapped: [],
      failures: [{ departmentId: '7', code: 'X', message: 'å ä ö \u2028' }],
    },
    'members JSON leaves out, and array elements it writes null': { a: undefined, b: () => 1, c: [undefined, () => 2, Symbol('s'), 1], d: { only: undefined }, e: null },
    'dates and other values with toJSON': { at: new Date(Date.UTC(2020, 0, 2)), nested: [{ at: new Date(0) }], custom: { toJSON: () => ({ shown: true }) } },
    'toJSON that leaves a member out, reads its key, or gives a list; boxed primitives': {
      gone: { toJSON: () => undefined },
      keyed: { toJSON: (key: string) => `key ${key}` },
      listed: [{ toJSON: (key: string) => [key, { deep: true }] }],
      boxed: [new Number(1), new String('s'), new Boolean(false)],
    },
    'empty containers at every level': { a: {}, b: [], c: [[], {}, [[]]], d: [{ e: [] }] },
    'a bare array': [1, 'two', { three: [3] }, [4, [5]]],
    'a bare string': 'text',
    'a number': 42,
    null: null,
  };
  for (const [name, value] of Object.entries(cases)) {
    it(`is JSON.stringify's text: ${name}`, () => {
      for (const depth of [0, 1, 2, 3, 6]) expect(joined(value, { depth, partChars: 1 })).toBe(JSON.stringify(value, null, 2));
    });
  }

  it('gives parts of about the size asked, not one string, for a long list', () => {
    const value = { reports: Array.from({ length: 2000 }, (_, i) => ({ id: `r${i}`, text: 'x'.repeat(50) })) };
    const parts = [...prettyJsonParts(value, { partChars: 4096 })];
    expect(parts.join('')).toBe(JSON.stringify(value, null, 2));
    expect(parts.length).toBeGreaterThan(20);
    expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(4096 + 200);
  });
});
