import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/build-cli.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one file at a time on 2 cores (cores - 1). Many files here mostly wait
    // on processes they started (redis-server, jxaudit services, soffice, Chromium): two files
    // at once keep both cores busy. Each heavy setup is shared within its file.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
