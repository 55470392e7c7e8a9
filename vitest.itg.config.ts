import { defineConfig } from 'vitest/config';

// Slow suites against real parts (OpenSSH, Docker, registry, PostgreSQL, supervisord). They share one
// Docker engine and a 2-core machine, so files run one at a time.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.itg.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    globalSetup: ['test/harness/global-setup.ts'],
  },
});
