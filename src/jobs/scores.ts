// After classification: capability scores stated in new posts ("Muse Spark scores 58% on
// Humanity's Last Exam") become rows of the scores table, each with the post as its source.
// A post's score belongs to the model it names (the vendor's known model with the longest name
// found in the text), else to the model the post announces; a statement naming no known model
// is not stored: unknown is not guessed (docs/domain.md rule 3).
import { parseScoreStatements } from '../classify/scores.js';
import type { PostObservation } from '../model.js';
import { kindsWhere, type PostData, type StoredEvent } from '../events/index.js';
import type { Db } from '../store/db.js';
import { eventsAfter } from '../store/events.js';
import { loadItems, type ItemRow } from '../store/items.js';
import { getJobState, setJobState } from '../store/job-state.js';
import { queryModels } from '../store/models.js';
import { insertScores } from '../store/scores.js';

export interface ScoreDeps {
  db: Db;
  now: () => Date;
}

interface Post {
  vendorId: string | null;
  sourceId: string;
  key: string;
  title: string;
  link: string | null;
  publishedAt: string | null;
  announced: string | null;
}

/** The kinds that carry a post seen for the first time (src/events/catalogue.ts). */
const POST_KINDS = kindsWhere((k) => k.post);

function isPostEvent(e: StoredEvent): e is StoredEvent & { data: PostData } {
  return POST_KINDS.includes(e.kind);
}

/** The posts behind a cycle's new `post.new` / `announcement` events, one entry per post. */
function postsOf(events: StoredEvent[]): Post[] {
  const posts = new Map<string, Post>();
  for (const e of events) {
    if (!isPostEvent(e)) continue;
    const key = typeof e.data?.key === 'string' ? e.data.key : null;
    if (!e.sourceId || !key) continue;
    const id = `${e.sourceId}\u0000${key}`;
    const p = posts.get(id) ?? {
      vendorId: e.vendorId,
      sourceId: e.sourceId,
      key,
      title: typeof e.data.title === 'string' ? e.data.title : '',
      link: typeof e.data.link === 'string' ? e.data.link : null,
      publishedAt: typeof e.data.publishedAt === 'string' ? e.data.publishedAt : null,
      announced: null,
    };
    if (e.kind === 'announcement' && e.modelId && !p.announced) p.announced = e.modelId;
    posts.set(id, p);
  }
  return [...posts.values()];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The vendor's model whose name the text mentions (longest name first), if any. */
function mentionedModel(db: Db, vendorId: string | null, text: string): string | null {
  if (!vendorId) return null;
  const models = queryModels(db, { vendorId })
    .filter((m) => m.line !== null && m.name.length >= 2)
    .sort((a, b) => b.name.length - a.name.length || a.id.localeCompare(b.id));
  const found = models.find((m) => new RegExp(`(?<![\\w-])${escapeRe(m.name)}(?![\\w-])`, 'i').test(text));
  return found?.id ?? null;
}

/** Stores the scores stated in the cycle's new posts; returns no events (scores are data). */
export function storePostScores(deps: ScoreDeps, events: StoredEvent[]): StoredEvent[] {
  const items = new Map<string, Map<string, ItemRow>>();
  const now = deps.now().toISOString();
  for (const post of postsOf(events)) {
    if (!items.has(post.sourceId)) items.set(post.sourceId, loadItems(deps.db, post.sourceId));
    const state = items.get(post.sourceId)!.get(post.key)?.state;
    const summary = state?.type === 'post' ? (state as PostObservation).summary : null;
    const text = [post.title, summary].filter(Boolean).join('\n');
    const statements = parseScoreStatements(text);
    if (!statements.length) continue;
    const modelId = mentionedModel(deps.db, post.vendorId, text) ?? post.announced;
    if (!modelId) continue;
    const date = post.publishedAt ? post.publishedAt.slice(0, 10) : null;
    deps.db
      .transaction(() =>
        insertScores(
          deps.db,
          statements.map((s) => ({
            modelId,
            benchmark: s.benchmark,
            score: s.score,
            date,
            sourceUrl: post.link,
            sourceKind: 'announcement' as const,
          })),
          now,
        ),
      )
      .immediate();
  }
  return [];
}

const MARKER = 'scores.lastEventId';

/**
 * The cycle step: scores stated in every post stored since the last run of this step — the
 * cycle's new posts, and those of a cycle whose process died before reaching this step.
 * Inserting a score twice is a no-op, so the marker is moved only after the posts were read.
 */
export function storePostScoresSinceLastRun(deps: ScoreDeps): StoredEvent[] {
  const last = Number(getJobState(deps.db, MARKER) ?? 0);
  const events = eventsAfter(deps.db, last, [...POST_KINDS]);
  if (!events.length) return [];
  storePostScores(deps, events);
  setJobState(deps.db, MARKER, String(Math.max(...events.map((e) => e.id))), deps.now().toISOString());
  return [];
}
