import { defineConfig } from 'vitest/config';

// Test tiers by suffix: `*.test.ts` unit, `*.int.test.ts` against real servers (embedded
// database over TCP, subgraphs and gateway over HTTP on port 0).
const exclude = ['**/node_modules/**', '**/dist/**'];

export default defineConfig({
  test: {
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: [...exclude, '**/*.int.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
