import { defineConfig } from 'vitest/config';

// Fast tables: pure logic only, no servers.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
