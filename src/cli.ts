#!/usr/bin/env node
import { buildProgram } from './cli/program.js';

/** Loaded only on failure: the error helpers bring in the config schema and the logger. */
async function fail(error: unknown): Promise<void> {
  const { reportFailure } = await import('./cli/common.js');
  reportFailure(error, process.argv.includes('--verbose') || process.argv.includes('-v'));
}

buildProgram(process.argv)
  .then((program) => program.parseAsync(process.argv))
  .catch(fail);
