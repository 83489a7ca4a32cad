import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    tags: [{ name: 'chaos', description: 'Nightly run under random Stratsys faults, a SIGKILLed worker and a Redis restart (npm run chaos).', timeout: 300_000 }],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'jobs/**/*.ts'],
    },
  },
});
