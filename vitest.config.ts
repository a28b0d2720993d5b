import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    // The app is built once per run, before any file starts, for the browser tests to share.
    globalSetup: ['tests/setup/app-build.ts'],
    // Tests open real SQLite files and spawn the CLI; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
