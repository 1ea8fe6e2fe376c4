import { defineConfig } from 'vitest/config';

// One run over every package and app; each has its own vitest config.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'tools/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'apps/web/vite.config.ts',
    ],
  },
});
