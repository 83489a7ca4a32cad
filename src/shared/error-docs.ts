import { ERROR_CODES } from './errors.js';

/** The README's error-code table, generated from the registry (a test keeps them equal). */
export function renderErrorTable(): string {
  return ['| code | meaning |', '| --- | --- |', ...Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`)].join('\n');
}
