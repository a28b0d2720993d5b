import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    // The app is built once per run, before any file starts, for the browser tests to share.
    globalSetup: ['tests/setup/app-build.ts'],
    // Tests open real SQLite files and spawn the CLI; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    // Limits for a hung test, not speed targets. A test that spawns the CLI a few times takes
    // seconds on a quiet machine, but each spawn (tsx + the CLI's imports) took 13 s with the
    // two cores shared (load 16), and 30 s failed such tests that would have passed.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
