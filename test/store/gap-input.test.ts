// The reads `gap` shares between vendors (issue #11): every vendor's scores and level changes read
// once give each vendor what its own read gives, rows and order alike; and the snapshot at or
// before a time is found through migration 0008's index, whatever the timestamps' precision.
import { describe, expect, it } from 'vitest';
import { gapSnapshotAt } from '../../src/store/digests.js';
import { insertGapSnapshot } from '../../src/store/gap.js';
import { lineLevelChanges, lineLevelChangesByVendor, lineScores, lineScoresByVendor } from '../../src/store/gap-input.js';
import { releaseTimeline, releasesAsOf } from '../../src/store/releases.js';
import { storeScores } from '../../src/store/scores.js';
import type { Db } from '../../src/store/db.js';
import { tmpDb } from '../helpers/tmp.js';

const VENDORS = ['meta', 'google', 'mistral'];

function fill(db: Db): void {
  const model = db.prepare(
    `INSERT INTO models (id, vendor_id, name, line, first_seen_at, released_at, level, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare(
    `INSERT INTO events (dedup_key, kind, vendor_id, model_id, occurred_at, seen_at, summary, data_json) VALUES (?, ?, ?, ?, ?, ?, 's', ?)`,
  );
  const levels = ['2', '3a', '3b', '4'];
  let n = 0;
  db.transaction(() => {
    for (const [v, vendor] of VENDORS.entries()) {
      for (let i = 0; i < 12; i++) {
        const id = `${vendor}/m-${(i * 7) % 12}-${i}`;
        // Every third model has no line: neither read takes it.
        const line = i % 3 === 2 ? null : i % 3 === 0 ? 'open' : 'proprietary';
        const day = `2025-0${1 + ((i + v) % 9)}-1${i % 10}`;
        model.run(id, vendor, id, line, `${day}T00:00:00.000Z`, `${day}T00:00:00.000Z`, levels[i % 4], `${day}T00:00:00.000Z`);
        storeScores(
          db,
          ['GPQA Diamond', 'MMLU-Pro'].map((benchmark, b) => ({
            modelId: id,
            benchmark,
            score: 40 + i + b,
            date: i % 4 === 1 ? null : day,
            sourceUrl: i % 2 ? 'https://example.org/board' : null,
            sourceKind: 'csv' as const,
            ...(i % 5 === 0 ? { stderr: 1.5 } : {}),
          })),
          `${day}T06:00:00.000Z`,
        );
        // A correction later: the 'known' reading sees the old value before it.
        if (i % 4 === 0)
          storeScores(
            db,
            [{ modelId: id, benchmark: 'GPQA Diamond', score: 50 + i, date: day, sourceUrl: null, sourceKind: 'csv' as const }],
            '2025-11-01T00:00:00.000Z',
          );
        for (let k = 0; k < 2; k++) {
          const at = `2025-${String(3 + ((i + k * 5 + v) % 9)).padStart(2, '0')}-0${1 + k}T0${k}:00:00.000Z`;
          event.run(
            `r${n++}`,
            'model.reclassified',
            vendor,
            id,
            at,
            at,
            JSON.stringify({ from: levels[(i + k) % 4], to: levels[(i + k + 1) % 4] }),
          );
          event.run(`o${n++}`, 'model.license_changed', vendor, id, at, at, '{}');
        }
      }
    }
    // An event naming another vendor than its model's: no vendor's change (the model's vendor differs).
    event.run(
      'x',
      'model.reclassified',
      'google',
      'meta/m-0-0',
      '2025-05-01T00:00:00.000Z',
      '2025-05-01T00:00:00.000Z',
      '{"from":"4","to":"2"}',
    );
  })();
}

describe('gap reads shared between vendors', () => {
  it('every vendor read at once gives each vendor its own read, rows and order alike, in both readings', () => {
    const { db } = tmpDb();
    fill(db);
    for (const asOf of ['2025-04-30T23:59:59.999Z', '2025-10-15T00:00:00.000Z', '2026-01-01T00:00:00.000Z']) {
      for (const reading of ['released', 'known'] as const) {
        const shared = lineScoresByVendor(db, asOf, reading);
        expect(shared.all).toEqual(lineScores(db, null, asOf, reading));
        for (const v of [...VENDORS, 'nobody']) expect(shared.of(v)).toEqual(lineScores(db, v, asOf, reading));
      }
      const changes = lineLevelChangesByVendor(db, asOf);
      expect(changes.all).toEqual(lineLevelChanges(db, null, asOf));
      for (const v of [...VENDORS, 'nobody']) expect(changes.of(v)).toEqual(lineLevelChanges(db, v, asOf));
    }
    // The data is not trivial: scores on both sides of a correction, changes of every vendor.
    expect(lineScores(db, 'meta', '2026-01-01T00:00:00.000Z', 'released').length).toBe(16);
    expect(lineScores(db, 'meta', '2025-10-15T00:00:00.000Z', 'known').length).toBeGreaterThan(0);
    expect(lineLevelChanges(db, null, '2026-01-01T00:00:00.000Z').length).toBe(48);
  });

  it('the snapshot at or before a time: through the index of migration 0008, whatever the precision', () => {
    const { db } = tmpDb();
    const snap = (vendorId: string, at: string, recencyGapDays: number) =>
      insertGapSnapshot(db, { vendorId, at, metrics: { recencyGapDays }, widening: false, reasons: [] });
    snap('meta', '2026-03-01T10:00:00Z', 1);
    snap('meta', '2026-03-01T10:00:00.500Z', 2);
    snap('meta', '2026-03-02T00:00:00.000Z', 3);
    snap('meta', '2026-03-02T00:00:00Z', 4); // same instant, written later: it wins
    snap('google', '2026-03-01T12:00:00.000Z', 5);
    const at = (t: string, v = 'meta') => gapSnapshotAt(db, v, t)?.metrics.recencyGapDays;
    expect(at('2026-03-01T09:59:59.999Z')).toBeUndefined();
    expect(at('2026-03-01T10:00:00.000Z')).toBe(1);
    expect(at('2026-03-01T10:00:00.600Z')).toBe(2);
    expect(at('2026-03-01T23:59:59Z')).toBe(2);
    expect(at('2026-03-02T00:00:00.000Z')).toBe(4);
    expect(at('2026-03-05')).toBe(4);
    expect(at('2026-03-05', 'google')).toBe(5);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT vendor_id, at, metrics_json, widening, reasons_json FROM gap_snapshots WHERE vendor_id = ? AND julianday(at) <= julianday(?) ORDER BY julianday(at) DESC, id DESC LIMIT 1',
      )
      .all('meta', '2026-03-05') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING INDEX gap_snapshots_vendor_day/);
    expect(plan.map((p) => p.detail).join('; ')).not.toMatch(/TEMP B-TREE/);
  });

  it("a vendor's releases read once answer releasesAsOf at every date up to the read's, in both readings", () => {
    const { db } = tmpDb();
    const rel = db.prepare(
      `INSERT INTO releases (vendor_id, key, name, family, expected_side, auxiliary, released_at, first_seen_at, main_model, updated_at)
       VALUES (?, ?, ?, 'F', ?, ?, ?, ?, ?, ?)`,
    );
    const lvl = db.prepare('INSERT INTO release_levels (release_id, at, side, level, license_id) VALUES (?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const vendor of ['meta', 'google']) {
        for (let i = 0; i < 14; i++) {
          const released = i === 13 ? null : `2025-${String(1 + (i % 12)).padStart(2, '0')}-${10 + (i % 3)}T00:00:00.000Z`;
          // Two releases on the same instant (order by id), one seen long after its date.
          const seen = i === 5 ? '2025-12-01T00:00:00.000Z' : `2025-${String(1 + (i % 12)).padStart(2, '0')}-20T00:00:00.000Z`;
          const id = Number(
            rel.run(
              vendor,
              `${vendor}:${i}`,
              `R${i}`,
              i % 2 ? 'open' : 'proprietary',
              i === 4 ? 1 : 0,
              released,
              seen,
              `${vendor}/m${i}`,
              seen,
            ).lastInsertRowid,
          );
          // None, one, or several level rows (two at the same time: the later id wins), some after the date.
          const rows = i % 4;
          for (let k = 0; k < rows; k++) {
            const at = `2025-${String(1 + ((i + k * 4) % 12)).padStart(2, '0')}-${k === 2 ? '1' : '2'}5T00:00:00.000Z`;
            lvl.run(id, at, k % 2 ? 'open' : 'proprietary', ['2', '3b', '4'][k], k ? 'apache-2.0' : null);
            if (k === 1) lvl.run(id, at, 'open', '3a', 'mit');
          }
        }
      }
    })();
    const upTo = '2025-12-31T23:59:59.999Z';
    for (const reading of ['released', 'known'] as const) {
      const timeline = releaseTimeline(db, 'meta', upTo, reading);
      for (const asOf of ['2024-12-31', '2025-03-10T00:00:00.000Z', '2025-06-15T12:00:00.000Z', '2025-09-25T00:00:00.000Z', upTo])
        expect(timeline(asOf)).toEqual(releasesAsOf(db, 'meta', asOf, reading));
      expect(timeline('2026-01-01T00:00:00.000Z')).toBeUndefined();
    }
    expect(releasesAsOf(db, 'meta', upTo, 'released').length).toBe(13);
  });

  it("the current scores of every vendor are read from indexes alone (migration 0008), in scores_current's order", () => {
    const { db } = tmpDb();
    fill(db);
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
    const asOf = '2026-01-01T00:00:00.000Z';
    const scores = lineScoresByVendor(db, asOf, 'released').all;
    const sql = prepared.find((q) => /FROM scores s JOIN models m/.test(q))!;
    const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(null, null, asOf) as { detail: string }[]).map((p) => p.detail).join('; ');
    expect(plan).toMatch(/SCAN s USING COVERING INDEX scores_current_covering/);
    expect(plan).toMatch(/SEARCH m USING COVERING INDEX models_id_line_vendor/);
    const order = (
      prepare('SELECT model_id, benchmark FROM scores INDEXED BY scores_current WHERE superseded_at IS NULL').all() as {
        model_id: string;
        benchmark: string;
      }[]
    ).map((r) => `${r.model_id} ${r.benchmark}`);
    expect(scores.map((s) => `${s.modelId} ${s.benchmark}`)).toEqual(
      order.filter((k) => scores.some((s) => `${s.modelId} ${s.benchmark}` === k)),
    );
  });
});
