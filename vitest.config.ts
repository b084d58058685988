import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Three projects, told apart by the file name alone:
//
//   *.test.ts      unit: the pure core (classify, diff, gap, rules, rendering, config, command
//                  formatting) and what is as fast: a temporary SQLite database made by the
//                  migrations is fine. No socket, no child process, no CLI `main`, no pipeline run
//                  over many cycles. `npm run test:unit` must stay under 10 s: it is the inner loop.
//   *.int.test.ts  integration: needs no build, but opens loopback HTTP/SMTP servers, runs the
//                  replay world's scenarios, the fault matrix, the service or the CLI in process.
//   *.e2e.test.ts  e2e: the built `modelwatch` as a child process, the service, crash kills and
//                  Chromium; its global setup builds dist/ first.
//
// A new test that does any of the integration things is named *.int.test.ts; one that needs the
// build is *.e2e.test.ts. `npm test` runs the type check and all three.
//
// The unit and integration projects share one module graph per worker (forks `isolate: false`):
// files run one after another in a worker without re-importing vega, cheerio, zod and the rest for
// each, which was most of the old 158 s of the unit project. A file there must leave no global state
// behind (restore env, timers and mocks in its hooks); one that needs a fresh module graph goes to a
// project with `isolate: true`, as e2e has. Forks, not threads: a worker thread ignores
// `process.env.TZ`, which test/collectors/page-dates.test.ts sets to prove that dates do not depend
// on the machine's time zone.
//
// At least two workers, even on 2 cores (vitest's default there is one): the fault matrix spends
// most of its minute waiting on timeouts it provokes, and the other integration files run in the
// second worker meanwhile (integration 98 s with one worker, 52 s with two, on a shared 2-core box).
export default defineConfig({
  test: {
    pool: 'forks',
    // A worker process is reused from one file to the next (vitest decides this for all projects
    // at once); each project's `poolOptions.forks.isolate` then says whether the worker re-imports
    // every module for each file (e2e: yes, as before) or keeps them (unit, integration).
    poolOptions: { forks: { isolate: false } },
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.int.test.ts', 'test/**/*.e2e.test.ts'] },
      },
      { extends: true, test: { name: 'integration', include: ['test/**/*.int.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          poolOptions: { forks: { isolate: true } },
        },
      },
    ],
  },
});
