// `modelwatch search <text> [--limit N] [--json]`: models whose id or name contains the text, and
// posts (feed entries, page items, announcements) whose title does. Case-insensitive.
import type { GlobalOptions, Io } from './io.js';
import { UsageError } from '../errors.js';
import { dataField, eventSource, type StoredEvent } from '../events/index.js';
import { searchModels, searchPosts } from '../store/history.js';
import { openContext } from './context.js';
import { parseLimit } from './event-options.js';
import { formatTable, printJson, shortTime, widthOf } from './output.js';
import { releaseRow } from './releases.js';

/** One post per link (or title): a post and the announcement it makes are the same thing. */
function postRows(events: StoredEvent[]) {
  const byKey = new Map<string, ReturnType<typeof postRow>>();
  for (const e of events) {
    const row = postRow(e);
    const key = row.link ?? `${e.vendorId}:${row.title}`;
    const prev = byKey.get(key);
    if (!prev) byKey.set(key, row);
    else {
      if (row.models.length) prev.models = [...new Set([...prev.models, ...row.models])];
      prev.announcement ||= row.announcement;
    }
  }
  return [...byKey.values()];
}

function postRow(e: StoredEvent) {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    title: str(dataField(e, 'title')) ?? e.summary,
    link: str(dataField(e, 'link')) ?? eventSource(e),
    vendor: e.vendorId,
    publishedAt: str(dataField(e, 'publishedAt')) ?? e.occurredAt,
    announcement: e.kind === 'announcement',
    models: e.modelId ? [e.modelId] : ([] as string[]),
  };
}

export default async function run(args: unknown[], opts: GlobalOptions & { limit?: string }, io: Io): Promise<number> {
  const text = String(args[0] ?? '').trim();
  if (!text) throw new UsageError('search: the text to search for is required');
  const limit = parseLimit('search', opts.limit, 50);
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: true });
  try {
    const models = searchModels(ctx.db, text, limit).map(releaseRow);
    const posts = postRows(searchPosts(ctx.db, text, limit));
    if (opts.json) return (printJson(io, { query: text, models, posts }), 0);
    if (!models.length && !posts.length) return (io.stdout.write(`nothing matches "${text}"\n`), 0);
    let out = '';
    if (models.length) {
      out += `models (${models.length})\n`;
      out += formatTable(
        models,
        [
          { header: 'model', get: (r) => r.model, min: 20 },
          { header: 'vendor', get: (r) => r.vendor },
          { header: 'line', get: (r) => r.line },
          { header: 'level', get: (r) => r.level ?? '?' },
          { header: 'license', get: (r) => r.license, max: 24 },
          { header: 'released', get: (r) => shortTime(r.releasedAt)?.slice(0, 10) },
        ],
        widthOf(io),
      );
    }
    if (posts.length) {
      out += `${out ? '\n' : ''}posts (${posts.length})\n`;
      out += formatTable(
        posts,
        [
          { header: 'published', get: (r) => shortTime(r.publishedAt)?.slice(0, 10) },
          { header: 'vendor', get: (r) => r.vendor },
          { header: 'title', get: (r) => r.title, max: 70 },
          { header: 'link', get: (r) => r.link, min: 30 },
        ],
        widthOf(io),
      );
    }
    io.stdout.write(out);
    return 0;
  } finally {
    ctx.close();
  }
}
