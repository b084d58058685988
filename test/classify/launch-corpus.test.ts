// The launch reader on the labelled corpus (test/fixtures/launches/, labels written before the
// reader ran; see PROVENANCE.md there): precision and recall of launches of the families each
// shipped vendor file watches, overall and per vendor. Fails below 90 %.
import { describe, expect, it } from 'vitest';
import { detectAnnouncement } from '../../src/classify/announce.js';
import { formatTally, loadCorpus, loadShippedVendors, score } from '../helpers/launch-corpus.js';

const rows = loadCorpus();
const vendors = loadShippedVendors();
const result = score(rows, vendors, (row, v) => ({
  names: ((a) => (a?.kind === 'launch' ? a.models.map((m) => m.name) : []))(detectAnnouncement({ title: row.title, summary: row.lead }, v)),
}));

describe('launch corpus', () => {
  it('has at least 800 labelled rows from at least 10 vendors, every vendor watched by a shipped file', () => {
    expect(rows.length).toBeGreaterThanOrEqual(800);
    expect(new Set(rows.map((r) => r.vendor)).size).toBeGreaterThanOrEqual(10);
    for (const [name, v] of vendors) expect(v, `feeds/ file for ${name}`).not.toBeNull();
    expect(rows.filter((r) => r.launch).length).toBeGreaterThan(150);
  });

  it('precision and recall are at least 90 %', () => {
    if (process.env['LAUNCH_CORPUS_VERBOSE']) {
      console.log(formatTally(result.overall, result.byVendor));
      for (const m of result.misses)
        console.log(`${m.kind} #${m.row.id} ${m.row.vendor}: ${m.row.title.slice(0, 100)}${m.got.length ? ` → ${m.got.join('; ')}` : ''}`);
    }
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.9);
  });
});
