/**
 * A report writer in a process of its own, for the `latest` race test: writes the runs given as
 * `<runId>@<generatedAt ms>` (all complete) into the year folder given first, all at once, when a
 * line arrives on stdin, after printing `ready`. Prints `done` and exits 0 when all are written.
 *
 * Usage: `node --import tsx test/support/write-run-versions.ts <yearDir> <runId>@<ms>...`
 */
import { createInterface } from 'node:readline';
import { writeRunVersion } from '../../src/report/versions.js';
import { completeManifest } from './run-versions.js';

const [target, ...runs] = process.argv.slice(2);
if (target === undefined) throw new Error('usage: write-run-versions.ts <yearDir> <runId>@<ms>...');
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
await Promise.all(
  runs.map((spec, i) => {
    const [runId = '', ms = '0'] = spec.split('@');
    return writeRunVersion(target, completeManifest(runId, Number(ms)), undefined, { 'report.txt': `${runId}\n`.repeat(1 + ((i * 37) % 200)) });
  }),
);
process.stdout.write('done\n');
