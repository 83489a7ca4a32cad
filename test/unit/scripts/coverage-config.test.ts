import { describe, expect, it } from 'vitest';
import config, { PURE_COVERAGE } from '../../../vitest.config.js';

describe('coverage thresholds', () => {
  it('hold every pure folder that eslint keeps pure to ≥ 90 % of lines, and nothing else', async () => {
    // eslint.config.js is plain JavaScript without types: loaded by its URL.
    const { PURE_FOLDERS } = (await import(new URL('../../../eslint.config.js', import.meta.url).href)) as { PURE_FOLDERS: string[] };
    expect(PURE_FOLDERS.length).toBeGreaterThan(5);
    expect([...PURE_COVERAGE].sort()).toEqual([...PURE_FOLDERS].sort());
    const thresholds = (config as { test?: { coverage?: { thresholds?: Record<string, unknown> } } }).test?.coverage?.thresholds ?? {};
    expect(Object.keys(thresholds).sort()).toEqual([...PURE_FOLDERS].sort());
    for (const glob of PURE_FOLDERS) expect(thresholds[glob]).toEqual({ lines: 90 });
  });
});
