import { defineConfig } from 'vitest/config';

/** Browser tests: the built site (dist/) in the system Chromium. Run after `npm run build`. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
