// `modelwatch release <name|id|artefact> [--json]`: one release — its side by evidence, level,
// licence, family (and the side the vendor file expects of it), every artefact, the history of
// its side and level, and the events of its artefacts.
import type { GlobalOptions, Io } from './io.js';
import { RuntimeError } from '../errors.js';
import type { Db } from '../store/db.js';
import { queryEvents } from '../store/events.js';
import { findRelease, releaseArtefacts, releaseLevels, type ReleaseRow } from '../store/releases.js';
import { openContext } from './context.js';
import { formatTable, printJson, shortTime } from './output.js';

export function releaseDetail(db: Db, r: ReleaseRow) {
  const models = releaseArtefacts(db, r.id);
  const events = models
    .flatMap((m) => queryEvents(db, { modelId: m, order: 'asc' }))
    .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id - b.id));
  return {
    release: r.name,
    releaseId: r.id,
    vendor: r.vendorId,
    family: r.family,
    expectedSide: r.expectedSide,
    side: r.side,
    level: r.level,
    license: r.licenseId,
    auxiliary: r.auxiliary,
    releasedAt: r.releasedAt,
    firstSeenAt: r.firstSeenAt,
    model: r.mainModel,
    models,
    sides: releaseLevels(db, r.id),
    history: events.map((e) => ({
      at: e.occurredAt,
      kind: e.kind,
      model: e.modelId,
      summary: e.summary,
      baseline: e.baseline,
      eventId: e.id,
    })),
  };
}

type Detail = ReturnType<typeof releaseDetail>;

function render(d: Detail): string {
  const surprise =
    d.expectedSide && d.side !== 'pending' && d.side !== d.expectedSide ? ` (its family ${d.family} is expected ${d.expectedSide})` : '';
  const pairs: [string, string | null][] = [
    ['vendor', d.vendor],
    ['family', d.family ? `${d.family}${d.expectedSide ? ` (expected ${d.expectedSide})` : ''}` : null],
    ['side', `${d.side}${surprise}`],
    ['level', d.level ?? 'unknown'],
    ['license', d.license],
    ['released', d.releasedAt],
    ['first seen', d.firstSeenAt],
    ['main artefact', d.model],
    ['auxiliary', d.auxiliary ? 'yes (a guard, embedder or similar: not counted in the gap)' : null],
  ];
  const shown = pairs.filter(([, v]) => v !== null) as [string, string][];
  const width = Math.max(...shown.map(([k]) => k.length));
  let out = `${d.release}  (release ${d.releaseId})\n`;
  out += shown.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n') + '\n';
  out += `\nartefacts (${d.models.length})\n` + d.models.map((m) => `  ${m}`).join('\n') + '\n';
  if (d.sides.length) {
    out += '\nside and level\n';
    out += formatTable(d.sides, [
      { header: 'at', get: (s) => shortTime(s.at) },
      { header: 'side', get: (s) => s.side },
      { header: 'level', get: (s) => s.level ?? '?' },
      { header: 'license', get: (s) => s.licenseId },
    ]);
  }
  out += '\nhistory\n';
  out += d.history.length
    ? formatTable(d.history, [
        { header: 'at', get: (h) => shortTime(h.at) },
        { header: 'kind', get: (h) => (h.baseline ? `${h.kind} (baseline)` : h.kind) },
        { header: 'model', get: (h) => h.model, max: 36 },
        { header: 'summary', get: (h) => h.summary, max: 80 },
      ])
    : '  (no events)\n';
  return out;
}

export default async function run(args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const ref = String(args[0] ?? '');
  const ctx = openContext(opts, io, { withoutFeeds: true });
  try {
    const r = findRelease(ctx.db, ref);
    if (!r) throw new RuntimeError(`release: no release "${ref}" (try \`modelwatch releases\`, or a model id)`);
    const d = releaseDetail(ctx.db, r);
    if (opts.json) printJson(io, d);
    else io.stdout.write(render(d));
    return 0;
  } finally {
    ctx.close();
  }
}
