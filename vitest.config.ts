import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores: model-heavy integration files must not all start at once.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
