// launches — the launch reader's precision and recall on the labelled corpus of real vendor posts
// (test/fixtures/launches/corpus.jsonl; labels written before the reader ran, PROVENANCE.md
// there), overall and per vendor, with the shipped feeds/ files. The same scoring as the corpus
// test (test/helpers/launch-corpus.ts); also how long reading the whole corpus takes.
import { detectAnnouncement } from '../src/classify/announce.js';
import { loadCorpus, loadShippedVendors, score } from '../test/helpers/launch-corpus.js';
import path from 'node:path';
import { FEEDS_DIR, ROOT } from './lib/paths.js';
import { printTable, target, writeSection } from './lib/results.js';
import { round } from './lib/stats.js';

export async function run(): Promise<void> {
  const rows = loadCorpus(path.join(ROOT, 'test/fixtures/launches/corpus.jsonl'));
  const vendors = loadShippedVendors(FEEDS_DIR);
  const t0 = process.hrtime.bigint();
  const r = score(rows, vendors, (row, v) => {
    const a = detectAnnouncement({ title: row.title, summary: row.lead }, v);
    return { names: a?.kind === 'launch' ? a.models.map((m) => m.name) : [] };
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const pct = (x: number) => round(x * 100, 1);
  const table = [...r.byVendor]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, t]) => [
      name,
      rows.filter((x) => x.vendor === name).length,
      pct(t.precision),
      pct(t.recall),
      t.tp,
      t.fp,
      `${t.found}/${t.launches}`,
    ]);
  table.push([
    'overall',
    rows.length,
    pct(r.overall.precision),
    pct(r.overall.recall),
    r.overall.tp,
    r.overall.fp,
    `${r.overall.found}/${r.overall.launches}`,
  ]);
  const misses = r.misses.map(
    (m) => `${m.kind} #${m.row.id} ${m.row.vendor}: ${m.row.title.slice(0, 90)}${m.got.length ? ` → ${m.got.join('; ')}` : ''}`,
  );
  printTable('launch reader on the labelled corpus', ['vendor', 'posts', 'precision %', 'recall %', 'tp', 'fp', 'found/launches'], table, [
    `${rows.length} posts read in ${round(ms, 1)} ms (${round((ms * 1000) / rows.length, 1)} µs per post)`,
    ...misses,
  ]);
  writeSection('launches', {
    figures: {
      posts: rows.length,
      vendors: r.byVendor.size,
      precision: round(r.overall.precision, 4),
      recall: round(r.overall.recall, 4),
      truePositives: r.overall.tp,
      falsePositives: r.overall.fp,
      launches: r.overall.launches,
      found: r.overall.found,
      msPerPost: round(ms / rows.length, 4),
      byVendor: Object.fromEntries(
        [...r.byVendor].map(([k, t]) => [
          k,
          { precision: round(t.precision, 4), recall: round(t.recall, 4), tp: t.tp, fp: t.fp, launches: t.launches, found: t.found },
        ]),
      ),
    },
    units: { precision: 'ratio', recall: 'ratio', msPerPost: 'ms', posts: 'count', launches: 'count' },
    notes: misses,
    targets: Object.fromEntries([
      target('precision', '≥ 0.90', String(round(r.overall.precision, 4)), r.overall.precision >= 0.9),
      target('recall', '≥ 0.90', String(round(r.overall.recall, 4)), r.overall.recall >= 0.9),
    ]),
  });
}
