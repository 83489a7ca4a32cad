// Records every module URL the process loads into the file named by RECORD_IMPORTS (one per line).
// Used as `node --import ./test/support/record-imports.mjs …`.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url);
