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
    // Every plinkd a test starts answers InternalError (and logs at error) when an action
    // answers an error code it does not declare (src/api/rpc/action.ts errorCodes).
    env: { PLINKD_STRICT_ERROR_CODES: '1' },
  },
});
