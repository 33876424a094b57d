import { defineConfig } from 'vitest/config';

// Tests here talk to a real Temporal server and bundle workflow code, so timeouts are generous and
// files run one at a time (2-core machines; each file may start its own server).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
