import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigTable } from '../../../src/config/docs.js';
import { EnvSchema } from '../../../src/config/schema.js';
import { renderErrorTable } from '../../../src/shared/error-docs.js';
import { ERROR_CODES } from '../../../src/shared/errors.js';

const readme = readFileSync('README.md', 'utf8');
const section = (name: string) => readme.split(`<!-- ${name}:start -->\n`)[1]?.split(`\n<!-- ${name}:end -->`)[0];

describe('README stays true to the code', () => {
  it('documents every environment variable with its default (run `npm run docs` after changing the schema)', () => {
    expect(section('config')).toBe(renderConfigTable());
    for (const key of Object.keys(EnvSchema.shape)) expect(section('config')).toContain(`| \`${key}\``);
  });

  it('documents every error code (run `npm run docs` after adding one)', () => {
    expect(section('errors')).toBe(renderErrorTable());
    for (const code of Object.keys(ERROR_CODES)) expect(section('errors')).toContain(`\`${code}\``);
  });

  it('lists every variable in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    for (const key of Object.keys(EnvSchema.shape)) expect(example).toMatch(new RegExp(`^${key}=`, 'm'));
  });

  it('names the two commands for a fresh machine', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });
});
