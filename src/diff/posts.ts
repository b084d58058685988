// Posts (feed entries, page items) against their previous state: `post.new` for an unseen key,
// `post.edited` when the content hash changed, and `announcement` when the post introduces a
// model of one of the vendor's lines, or makes a known one available somewhere new
// (classify/announce.ts, the launch reader) — with the model created or updated from the post. Entries that vanish from a feed are not events (feeds are windows).
// Pure: the clock and the baseline flag come in the context.
import { detectAnnouncement, type Announcement } from '../classify/announce.js';
import type { PostObservation } from '../model.js';
import type { NewEvent, PostData } from '../events/index.js';
import type { DiffContext, DiffOutput, TypeDiff } from './types.js';
import { OSCILLATION_EDITS, OSCILLATION_WINDOW_SEC } from '../config/defaults.js';
import { passesFilters } from '../shared/filters.js';
import { dedupKey, evidence, makeEvent, short } from './util.js';

function quote(title: string): string {
  return `"${title.length > 140 ? `${title.slice(0, 139)}…` : title}"`;
}

function vendorName(ctx: DiffContext): string {
  return ctx.vendor.name || ctx.vendor.id;
}

function postData(obs: PostObservation): PostData {
  return { key: obs.key, title: obs.title, link: obs.link, publishedAt: obs.publishedAt, ...(obs.links ? { links: obs.links } : {}) };
}

/** What the launch reader reads: the feed's lead, else the article's opening paragraphs. */
function detect(obs: PostObservation, ctx: DiffContext): Announcement | null {
  const lead = obs.summary ?? obs.articleLead ?? null;
  return detectAnnouncement({ title: obs.title, summary: lead }, ctx.vendor, { leadSentences: obs.summary ? 1 : 3 });
}

function announcementEvents(
  obs: PostObservation,
  found: Announcement,
  alreadyAnnounced: ReadonlySet<string>,
  ctx: DiffContext,
  out: DiffOutput,
): NewEvent<'announcement'>[] {
  const url = obs.link ?? ctx.source.target;
  const events: NewEvent<'announcement'>[] = [];
  for (const m of found.models) {
    if (alreadyAnnounced.has(m.id)) continue;
    const lineName = ctx.vendor.lines[m.line]?.name ?? m.line;
    // An availability ("… is now available in the API") dates no release: the model keeps its own date.
    const launch = found.kind === 'launch';
    out.models.push({
      id: m.id,
      vendorId: ctx.vendor.id,
      name: m.name,
      line: m.line,
      lineReason: m.lineReason,
      url: launch ? obs.link : null,
      releasedAt: launch ? obs.publishedAt : null,
    });
    const ev = [evidence('announcement', obs.title, url, ctx.seenAt)];
    if (found.access) ev.push(evidence('access', found.access, url, ctx.seenAt));
    if (found.openWeights) ev.push(evidence('open_weights_announced', found.openWeights.license ?? 'unnamed licence', url, ctx.seenAt));
    const access = found.access ? `; access: ${found.access}` : '';
    events.push(
      makeEvent(ctx, {
        kind: 'announcement',
        // One per model and post: the same post seen again (or edited) keeps its key.
        dedupKey: dedupKey('announcement', m.id, obs.link ?? `${ctx.source.id}/${obs.key}`),
        modelId: m.id,
        occurredAt: obs.publishedAt,
        severity: 'notice',
        summary:
          found.kind === 'availability'
            ? `${vendorName(ctx)} made ${m.name} (${m.line} line ${lineName}) available${found.place ? ` in ${found.place}` : ''} in ${quote(obs.title)}${access}.`
            : `${vendorName(ctx)} announced ${m.name} (${m.line} line ${lineName}) in ${quote(obs.title)}${access}.`,
        data: {
          ...postData(obs),
          modelId: m.id,
          name: m.name,
          line: m.line,
          access: found.access,
          matchedIn: found.matchedIn,
          pattern: found.pattern,
          announcement: found.kind,
          ...(found.place ? { place: found.place } : {}),
          ...(found.openWeights ? { openWeights: found.openWeights } : {}),
        },
        evidence: ev,
      }),
    );
  }
  return events;
}

/** Edit times within the oscillation window, the new one appended (at most one more than the limit). */
function recentEdits(previous: string[] | undefined, edit: string | null, seenAt: string): string[] {
  const now = Date.parse(seenAt);
  const kept = (previous ?? []).filter((t) => now - Date.parse(t) < OSCILLATION_WINDOW_SEC * 1000);
  if (edit) kept.push(edit);
  return kept.slice(-(OSCILLATION_EDITS + 1));
}

export const diffPost: TypeDiff<PostObservation> = (obs, prev, ctx, out) => {
  const before = prev?.type === 'post' ? (prev.state as PostObservation) : undefined;
  const found = detect(obs, ctx);
  const edited = !!before && before.contentHash !== obs.contentHash;
  const edits = recentEdits(before?.edits, edited ? ctx.seenAt : null, ctx.seenAt);
  out.items.push({ key: obs.key, type: 'post', state: edits.length ? { ...obs, edits } : obs, modelId: found?.models[0]?.id ?? null });
  // Filtered-out posts are still remembered (so a later filter change does not flood), never reported.
  if (!passesFilters(obs.title, ctx.source.include, ctx.source.exclude)) return;
  if (before && before.contentHash === obs.contentHash) {
    // The same post, now read from its article (a busy poll left it for later): what the article names.
    if (found && before.links === undefined && obs.links !== undefined) {
      const earlier = new Set(detect(before, ctx)?.models.map((m) => m.id) ?? []);
      out.events.push(...announcementEvents(obs, found, earlier, ctx, out));
    }
    return;
  }

  const url = obs.link ?? ctx.source.target;
  if (!before) {
    out.events.push(
      makeEvent(ctx, {
        kind: 'post.new',
        dedupKey: dedupKey('post.new', ctx.source.id, obs.key),
        modelId: found?.models[0]?.id ?? null,
        occurredAt: obs.publishedAt,
        summary: `${vendorName(ctx)} published ${quote(obs.title)}.`,
        data: postData(obs),
        evidence: [evidence('post', obs.title, url, ctx.seenAt)],
      }),
    );
    if (found) out.events.push(...announcementEvents(obs, found, new Set(), ctx, out));
    return;
  }

  // Oscillating content (a counter or a timestamp in the text): after OSCILLATION_EDITS edits
  // within the window, edits are recorded silently until the post holds still for a window.
  if (edits.length > OSCILLATION_EDITS) return;
  const renamed = before.title !== obs.title ? ` (was ${quote(before.title)})` : '';
  out.events.push(
    makeEvent(ctx, {
      kind: 'post.edited',
      dedupKey: dedupKey('post.edited', ctx.source.id, obs.key, short(obs.contentHash)),
      modelId: found?.models[0]?.id ?? null,
      // An edit happens when it is seen, not when the post was first published.
      occurredAt: ctx.seenAt,
      summary: `${vendorName(ctx)} edited ${quote(obs.title)}${renamed}.`,
      data: {
        ...postData(obs),
        from: { title: before.title, contentHash: before.contentHash },
        to: { title: obs.title, contentHash: obs.contentHash },
      },
      evidence: [evidence('post_content_hash', obs.contentHash, url, ctx.seenAt)],
    }),
  );
  // An edit that now introduces a model (a retitled post) announces it; one already announced does not again.
  if (found) {
    const earlier = new Set(detect(before, ctx)?.models.map((m) => m.id) ?? []);
    out.events.push(...announcementEvents(obs, found, earlier, ctx, out));
  }
};
