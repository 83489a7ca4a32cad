import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Pure code: no clock, environment or adapters (below); vitest.config.ts holds it to ≥ 90 % line coverage. */
export const PURE_FOLDERS = [
  'src/domain/**/*.ts',
  'src/rules/**/*.ts',
  'src/mapping/file/**/*.ts',
  'src/mapping/engine/**/*.ts',
  'src/mapping/diagnose/**/*.ts',
  'src/indicators/compute.ts',
  'src/indicators/measures.ts',
  'src/indicators/targets.ts',
  'src/indicators/echo.ts',
  'src/alerts/compose.ts',
  'src/alerts/cadence.ts',
  'src/alerts/keys.ts',
  'src/alerts/recipients.ts',
  'src/alerts/sections.ts',
  'src/alerts/render-text.ts',
  'src/alerts/render-html.ts',
  'src/alerts/messages.ts',
  'src/alerts/text.ts',
  'src/alerts/digest.ts',
  'src/alerts/outcome.ts',
];

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
          patterns: [
            { group: ['axios', 'bullmq', 'ioredis', 'nodemailer', 'fastify', 'node:fs', 'node:fs/*', 'fs'], message: 'pure modules must not import adapters' },
          ],
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
