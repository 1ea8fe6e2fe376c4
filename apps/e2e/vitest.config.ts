import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    // Groups run one after another in the root run (each with its own worker limit).
    sequence: { groupOrder: 3 },
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One browser at a time: the machine has two cores and video decoding is in software.
    fileParallelism: false,
  },
});
