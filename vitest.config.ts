import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts', 'tests/lessons/**/*.test.ts'],
    environment: 'node',
    // Some golden tests replay whole labs (thousands of packets); on a loaded 2-core CI machine the
    // default 5 s per test is too tight. Speed is measured by `npm run bench`, not by timeouts.
    testTimeout: 30_000,
  },
});
