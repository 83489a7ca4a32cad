import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../../src/app/heap-growth.js';
import { createLogger } from '../../../src/shared/logger.js';

const run = promisify(execFile);

/** The largest heap a process holding a few hundred MB and making garbage beside it reserved under `percent`, and what it held. */
async function churn(percent: number): Promise<{ peakMb: number; heldMb: number }> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/support/heap-churn.ts', String(percent)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { peakMb: number; heldMb: number };
}

describe('limitHeapGrowth (HEAP_GROWTH_PERCENT)', () => {
  it("keeps the heap of a process that makes garbage beside what it holds near what it holds, where V8's own policy lets it grow several times", async () => {
    const bounded = await churn(30);
    const own = await churn(0);
    // Bounded, the heap (young generation included) stays within 2.5 times what the process holds,
    // and well under what V8's own policy let it reach (seen: 230 against 430 MB for 124 MB held).
    expect(bounded.peakMb).toBeLessThan(bounded.heldMb * 2.5);
    expect(bounded.peakMb).toBeLessThan(own.peakMb * 0.75);
  }, 60_000);

  it('leaves the policy to a process started with the flag itself, and to 0', () => {
    const seen: unknown[] = [];
    const logger = createLogger({ level: 'debug' });
    logger.debug = ((...args: unknown[]) => seen.push(args)) as typeof logger.debug;
    limitHeapGrowth(30, logger, ['--expose-gc', '--heap-growing-percent=80']);
    limitHeapGrowth(30, logger, ['--heap_growing_percent=80']);
    limitHeapGrowth(0, logger, []);
    expect(seen).toEqual([]);
  });
});
