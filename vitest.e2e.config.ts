/**
 * End-to-end tests: real Chromium and Firefox ESR, the built extension, fixture news pages served over
 * local https (test/e2e). Run with `npm run test:e2e` after `npm run build:chrome`; dist/e2e-firefox
 * is built by the global setup. Browsers are heavy: one test file at a time, long timeouts, no
 * retries (a flaky e2e test is a bug to fix, not to hide).
 */
import { defineConfig } from 'vitest/config';

// Node 20 has a global WebSocket only behind a flag (test/e2e/cdp.ts talks CDP over it); Node 22+ has it.
const needsWebSocketFlag = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'undefined';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    execArgv: needsWebSocketFlag ? ['--experimental-websocket'] : [],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
    reporters: ['default', 'json'],
    outputFile: { json: 'artifacts/results/e2e.json' },
  },
});
