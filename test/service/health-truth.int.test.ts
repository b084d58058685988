// /healthz tells the truth (issue #13, finding 8): a service whose cycles fail on a corrupted
// database, or whose writes are refused, is not "ok" although `SELECT 1` still answers. The
// whole service on loopback, with a real corrupted SQLite file behind its cycles.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { selectSources } from '../../src/jobs/cycle.js';
import { startService, type Service } from '../../src/service/service.js';
import { openDb, type Db } from '../../src/store/db.js';
import { testSource, testVendor } from '../helpers/config.js';
import { tmpDb, tmpDir } from '../helpers/tmp.js';
import { clock, deferred, memoryLogger } from './helpers.js';

const source = testSource({ id: 'lab-feed', vendorId: 'lab', kind: 'feed', target: 'https://lab.example/rss', intervalSec: 1800 });
const targets = selectSources([testVendor({ id: 'lab', sources: [source] })], {});

let service: Service | undefined;
let db: Db | undefined;
afterEach(async () => {
  await service?.stop('test end');
  service = undefined;
  if (db?.open) db.close();
});

/** A database file whose pages after the header were overwritten: queries fail "malformed". */
function corruptedDatabase(): Database.Database {
  const file = path.join(tmpDir(), 'corrupt.db');
  openDb(file).close();
  const fd = fs.openSync(file, 'r+');
  const size = fs.fstatSync(fd).size;
  fs.writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
  fs.closeSync(fd);
  return new Database(file);
}

async function healthz(s: Service): Promise<{ code: number; body: { status: string; reason?: string; database: string } }> {
  const res = await fetch(`${s.address!.url}/healthz`);
  return { code: res.status, body: (await res.json()) as { status: string; reason?: string; database: string } };
}

describe('/healthz tells the truth', () => {
  it('every cycle failing on corrupted pages makes /healthz 503 (it was 200: only SELECT 1 was checked)', async () => {
    ({ db } = tmpDb());
    const broken = corruptedDatabase();
    let cycles = 0;
    let cycleError = '';
    const cycleDone = deferred<void>();
    service = await startService({
      db,
      targets,
      // The cycle works on the corrupted file, as `run` would after its pages were damaged.
      runDue: async () => {
        cycles++;
        try {
          broken.prepare('SELECT COUNT(*) FROM events').get();
          return { sources: [], events: [], dispatch: null };
        } catch (err) {
          cycleError = (err as Error).message;
          throw err;
        } finally {
          queueMicrotask(() => cycleDone.resolve());
        }
      },
      logger: memoryLogger(),
      now: clock('2026-12-04T08:00:00.000Z').now,
      http: { host: '127.0.0.1', port: 0 },
    });
    await cycleDone.promise;
    await new Promise((r) => setImmediate(r));
    expect(cycles).toBe(1);
    expect(cycleError).toMatch(/malformed|not a database/);
    const h = await healthz(service);
    expect(h.code).toBe(503);
    expect(h.body.status).toBe('unavailable');
    expect(h.body.reason).toMatch(/cycle: the last cycle \(.*\) failed/);
    const metrics = await (await fetch(`${service.address!.url}/metrics`)).text();
    expect(metrics).toContain('modelwatch_healthy 0');
    broken.close();
  });
});
