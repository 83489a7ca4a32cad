#!/usr/bin/env node
import { reportFailure } from './cli/common.js';
import { buildProgram } from './cli/program.js';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => reportFailure(error, process.argv.includes('--verbose') || process.argv.includes('-v')));
