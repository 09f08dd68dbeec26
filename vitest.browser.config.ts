import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Polled expectations wait for what a loaded CI machine is slow to show; a pass costs nothing extra.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    maxWorkers: 1,
  },
});
