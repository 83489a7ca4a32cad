import { readFileSync, writeFileSync } from 'node:fs';
import { renderConfigTable } from '../src/config/docs.js';
import { renderErrorTable } from '../src/shared/error-docs.js';

/** Rewrites the generated sections of README.md (configuration and error codes). */
const file = 'README.md';
let text = readFileSync(file, 'utf8');
const replace = (name: string, body: string) => {
  const pattern = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!pattern.test(text)) throw new Error(`README.md has no ${name} markers`);
  text = text.replace(pattern, `$1\n${body}\n$2`);
};
replace('config', renderConfigTable());
replace('errors', renderErrorTable());
writeFileSync(file, text);
