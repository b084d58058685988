import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no build (pure core, store, loopback collectors and channels in-process);
// `e2e` runs the built `modelwatch` as a child process, the service, crash kills and Chromium, so its
// global setup builds dist/ first. A test that starts the CLI or a child process is named *.e2e.test.ts.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.e2e.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e.test.ts'], globalSetup: ['test/helpers/global-setup.ts'] } },
    ],
  },
});
