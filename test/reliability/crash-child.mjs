// One modelwatch process for the crash test, from the compiled dist/ (built by global-setup):
// the real config loader on a feeds/ folder, the real runtime (HTTP edge, collectors, store,
// classify, gap, router, webhook channel from MODELWATCH_WEBHOOK_URL/_SECRET in the environment)
// running full poll + dispatch cycles, exactly as `modelwatch run` does on schedule, until killed.
// Its clock is simulated: it starts at <start ISO> and moves one minute per cycle.
// argv: <database file> <feeds dir> <start ISO> <cycles>
// stdout: one JSON line per finished cycle.
import { loadConfig } from '../../dist/config/index.js';
import { runCycle, selectSources } from '../../dist/jobs/cycle.js';
import { createRuntime } from '../../dist/jobs/runtime.js';
import { silentLogger } from '../../dist/log.js';
import { openDb } from '../../dist/store/db.js';

const [dbFile, feedsDir, startIso, cycles] = process.argv.slice(2);
const config = loadConfig({ env: process.env, feeds: feedsDir, db: dbFile });
const db = openDb(config.dbPath);
let clock = Date.parse(startIso);
const rt = createRuntime({ db, config, log: silentLogger, now: () => new Date(clock), random: () => 0.5, out: { write: () => true } });
const targets = selectSources(config.vendors, {});
for (let i = 0; i < Number(cycles); i++) {
  const r = await runCycle(rt, targets);
  const failed = r.sources.filter((s) => !s.ok).map((s) => s.error);
  process.stdout.write(`${JSON.stringify({ cycle: i, at: new Date(clock).toISOString(), events: r.events.length, dispatch: r.dispatch, failed })}\n`);
  clock += 60_000;
}
rt.close();
db.close();
