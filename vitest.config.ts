import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // End-to-end tests start real stand-in servers; two cores are shared by everything.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
