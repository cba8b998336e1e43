import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // End-to-end tests start real stand-in servers; two cores are shared by everything.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The load test measures the heap after a collection.
    execArgv: ['--expose-gc'],
    // Handlers log a JSON line per call; tests assert on behaviour, not on logs.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
