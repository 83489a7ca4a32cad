import { readFileSync } from 'node:fs';
import { URL } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Pure code (pure-code.json): no clock, environment or adapters (below); vitest.config.ts holds it to ≥ 90 % line coverage. */
export const PURE_FOLDERS = JSON.parse(readFileSync(new URL('./pure-code.json', import.meta.url), 'utf8'));

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'coverage/', 'node_modules/', 'test-output/', 'out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
    },
  },
  {
    // Pure code decides; it never reaches for the clock, the environment or an adapter.
    files: PURE_FOLDERS,
    // Reading mapping files from disk is the one adapter in src/mapping.
    ignores: ['src/mapping/file/load.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['axios', 'bullmq', 'ioredis', 'nodemailer', 'fastify', 'node:fs', 'node:fs/*', 'fs'], message: 'pure modules must not import adapters' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process']", message: 'pure modules must not read process' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pass a clock instead of Date.now()' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pass a clock instead of new Date()' },
      ],
    },
  },
);
