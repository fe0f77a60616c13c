import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real redis-server / plinkd processes on free loopback ports;
    // two workers keep a 2-core CI machine responsive.
    maxWorkers: 2,
  },
});
