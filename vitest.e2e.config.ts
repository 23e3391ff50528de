import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium through playwright-core against the built site.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120000,
    hookTimeout: 120000,
    fileParallelism: false,
  },
});
