import { setFlagsFromString } from 'node:v8';
import type { Logger } from '../shared/logger.js';

/** V8's flag for how much the heap may grow past what a full collection kept before the next one. */
const FLAG = '--heap-growing-percent';

/**
 * Lets the heap grow by at most `percent` % past what the last full collection kept before V8
 * collects in full again (V8's flag `--heap-growing-percent`, read at every collection). V8's own
 * policy lets a busy heap grow up to four times its live size: a run that holds 250 MB of results
 * while it makes as much garbage again reached 700–900 MB of RSS at 2,000 units, most of it garbage
 * not yet collected. A bound trades a few more full collections (marked concurrently, beside the
 * run) for a peak near the live size. 0 keeps V8's own policy, as does a process started with the
 * flag itself (its own choice wins).
 */
export function limitHeapGrowth(percent: number, logger: Logger, execArgv: readonly string[] = process.execArgv): void {
  // V8 takes the flag with dashes or underscores.
  if (percent === 0 || execArgv.some((arg) => arg.replace(/_/g, '-').startsWith(FLAG))) return;
  setFlagsFromString(`${FLAG}=${percent}`);
  logger.debug({ percent }, 'heap growth between full collections bounded');
}
