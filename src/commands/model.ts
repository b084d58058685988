// `modelwatch model <id> [--json]`: one model's full timeline — first seen, weights, licence and
// gating changes with their evidence, level changes, announcements, scores — with its current
// line, level and the classification that decided it. The JSON fields id, vendor, line, level,
// license, evidence and history ({at, kind, from, to, source}) are a contract (issue 4).
import type { GlobalOptions, Io } from './io.js';
import { RuntimeError, UsageError } from '../errors.js';
import { eventSource, fromTo, type StoredEvent } from '../events/index.js';
import { latestClassification } from '../store/classifications.js';
import type { Db } from '../store/db.js';
import { modelByName, searchModels } from '../store/history.js';
import { queryEvents } from '../store/events.js';
import { getModel, type ModelRow } from '../store/models.js';
import { scoresFor, type ScoreRow } from '../store/scores.js';
import { openContext } from './context.js';
import { formatPairs, formatTable, printJson, shortTime, widthOf } from './output.js';

export interface HistoryEntry {
  at: string;
  kind: string;
  from: string | null;
  to: string | null;
  source: string | null;
  summary: string;
  baseline: boolean;
  eventId: number | null;
  evidence: StoredEvent['evidence'];
}

/** The timeline: the model's events, plus its stored scores unless events already report them. */
export function timeline(events: StoredEvent[], scores: ScoreRow[], model: ModelRow): HistoryEntry[] {
  const entries: HistoryEntry[] = events.map((e) => ({
    at: e.occurredAt,
    kind: e.kind,
    ...fromTo(e),
    source: eventSource(e),
    summary: e.summary,
    baseline: e.baseline,
    eventId: e.id,
    evidence: e.evidence,
  }));
  if (!events.some((e) => e.kind === 'score.reported')) {
    for (const s of scores) {
      entries.push({
        at: s.date ?? model.firstSeenAt,
        kind: 'score.reported',
        from: null,
        to: `${s.benchmark} ${s.score}`,
        source: s.sourceUrl,
        summary: `${model.name} scores ${s.score} on ${s.benchmark} (${s.sourceKind}).`,
        baseline: false,
        eventId: null,
        evidence: [],
      });
    }
  }
  // Stable: events keep their stored order within the same instant.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
    .map((x) => x.e);
}

/** Up to three models whose id or name resembles `id`: those containing the whole text, else its
 *  last segment, else its longest words — the first of these that finds any. */
export function suggestions(db: Db, id: string): string[] {
  const terms = [
    id,
    id.split('/').pop() ?? id,
    ...id
      .split(/[\s/_.:-]+/)
      .filter((t) => t.length >= 3)
      .sort((a, b) => b.length - a.length),
  ];
  const found: string[] = [];
  for (const t of terms) {
    for (const m of searchModels(db, t, 3)) if (!found.includes(m.id)) found.push(m.id);
    if (found.length) break;
  }
  return found.slice(0, 3);
}

/** The model a renamed id became (following renames, at most a few hops), else the model itself. */
export function currentIdentity(db: Db, m: ModelRow): ModelRow {
  let cur = m;
  for (let hops = 0; cur.renamedTo && hops < 8; hops++) {
    const next = getModel(db, cur.renamedTo);
    if (!next || next.id === cur.id) break;
    cur = next;
  }
  return cur;
}

export function modelDetail(db: Db, m: ModelRow) {
  const c = latestClassification(db, m.id);
  const scores = scoresFor(db, { modelIds: [m.id] });
  const events = queryEvents(db, { modelId: m.id, order: 'asc' });
  return {
    id: m.id,
    name: m.name,
    vendor: m.vendorId,
    line: m.line,
    lineReason: m.lineReason,
    level: m.level,
    license: m.licenseId,
    gated: m.gated,
    weights: m.weights,
    parameters: m.parameters,
    url: m.url,
    releasedAt: m.releasedAt,
    firstSeenAt: m.firstSeenAt,
    withdrawnAt: m.withdrawnAt,
    renamedTo: m.renamedTo,
    evidence: c?.evidence ?? [],
    classification: c
      ? { level: c.level, decidedBy: c.decidedBy, rulesVersion: c.rulesVersion, conflicts: c.conflicts, override: c.override, at: c.at }
      : null,
    history: timeline(events, scores, m),
    scores: scores.map((s) => ({ benchmark: s.benchmark, score: s.score, date: s.date, sourceUrl: s.sourceUrl, sourceKind: s.sourceKind })),
  };
}

type Detail = ReturnType<typeof modelDetail>;

function render(d: Detail, width: number): string {
  const c = d.classification;
  const pairs: [string, string | null][] = [
    ['vendor', d.vendor],
    ['line', d.line ? `${d.line}${d.lineReason ? ` (${d.lineReason})` : ''}` : d.lineReason ? `none (${d.lineReason})` : null],
    ['level', d.level ? `${d.level}${c ? ` — ${c.decidedBy} (rules ${c.rulesVersion})` : ''}` : 'unknown'],
    ['override', c?.override ? `${c.override.level}: ${c.override.reason}` : null],
    ['conflicts', c?.conflicts.length ? c.conflicts.join('; ') : null],
    ['license', d.license],
    ['gated', d.gated],
    ['weights', d.weights ? 'yes' : 'no'],
    ['parameters', d.parameters ? `${(d.parameters / 1e9).toFixed(1)}B` : null],
    ['released', d.releasedAt],
    ['first seen', d.firstSeenAt],
    ['withdrawn', d.withdrawnAt],
    ['renamed to', d.renamedTo],
    ['url', d.url],
  ];
  const shown = pairs.filter(([, v]) => v !== null && v !== undefined) as [string, string][];
  let out = `${d.id}${d.name && d.name !== d.id ? `  (${d.name})` : ''}\n`;
  out += formatPairs(shown, width);
  if (d.evidence.length) {
    out += '\nevidence\n';
    out += formatTable(
      d.evidence,
      [
        { header: 'signal', get: (e) => e.signal },
        { header: 'value', get: (e) => (e.value === null ? null : String(e.value)), max: 40 },
        { header: 'seen', get: (e) => shortTime(e.seenAt) },
        { header: 'source', get: (e) => e.sourceUrl, min: 30 },
      ],
      width,
    );
  }
  out += '\nhistory\n';
  out += d.history.length
    ? formatTable(
        d.history,
        [
          { header: 'at', get: (h) => shortTime(h.at) },
          { header: 'kind', get: (h) => (h.baseline ? `${h.kind} (baseline)` : h.kind) },
          { header: 'from', get: (h) => h.from, max: 24, hash: true },
          { header: 'to', get: (h) => h.to, max: 24, hash: true },
          { header: 'summary', get: (h) => h.summary, min: 30 },
        ],
        width,
      )
    : 'no events recorded\n';
  return out;
}

export default async function run(args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const id = String(args[0] ?? '').trim();
  if (!id) throw new UsageError('model: a model id is required');
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: true });
  try {
    const m = getModel(ctx.db, id) ?? modelByName(ctx.db, id);
    if (!m) {
      const close = suggestions(ctx.db, id);
      throw new RuntimeError(`model: no model "${id}"${close.length ? `; did you mean ${close.join(', ')}?` : ''}`);
    }
    // A renamed id answers with the current identity (its history moved there), saying so.
    const current = currentIdentity(ctx.db, m);
    const detail = { ...modelDetail(ctx.db, current), renamedFrom: current.id !== m.id ? m.id : null };
    if (opts.json) printJson(io, detail);
    else
      io.stdout.write(
        (detail.renamedFrom ? `${detail.renamedFrom} was renamed to ${current.id}; its history is below.\n\n` : '') +
          render(detail, widthOf(io)),
      );
    return 0;
  } finally {
    ctx.close();
  }
}
