import { appendFileSync } from 'node:fs';
import process from 'node:process';

/** Module loader hook: appends each loaded URL to RECORD_IMPORTS, then loads as usual. */
export async function load(url, context, nextLoad) {
  if (process.env.RECORD_IMPORTS) appendFileSync(process.env.RECORD_IMPORTS, `${url}\n`);
  return nextLoad(url, context);
}
