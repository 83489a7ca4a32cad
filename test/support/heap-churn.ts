/**
 * A process that holds a few hundred MB and makes garbage beside it, as a large run does, after
 * `limitHeapGrowth(<percent>)`; prints the largest heap V8 reserved meanwhile, in MB.
 * Used by test/unit/app/heap-growth.test.ts.
 */
import { limitHeapGrowth } from '../../src/app/heap-growth.js';
import { createLogger } from '../../src/shared/logger.js';

limitHeapGrowth(Number(process.argv[2]), createLogger({ level: 'silent' }));
const held: unknown[] = [];
for (let i = 0; i < 500_000; i += 1) held.push({ a: `x${i}`, b: [i, i + 1], c: { d: i } });
let peak = 0;
const recent: unknown[][] = [];
for (let round = 0; round < 60; round += 1) {
  const garbage: unknown[] = [];
  for (let i = 0; i < 70_000; i += 1) garbage.push({ a: `y${i}`, b: [i] });
  recent.push(garbage);
  if (recent.length > 4) recent.shift();
  peak = Math.max(peak, process.memoryUsage().heapTotal);
}
// What it holds, measured after a full collection (the process runs with --expose-gc).
(globalThis as { gc?: () => void }).gc?.();
const heldMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
process.stdout.write(`${JSON.stringify({ peakMb: Math.round(peak / 2 ** 20), heldMb, objects: held.length + recent.length })}\n`);
