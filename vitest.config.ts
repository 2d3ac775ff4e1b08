import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/build-cli.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
