// `modelwatch explain-post "<title>" [--lead TEXT] [--vendor ID] [--json]`: what the launch reader
// makes of one post, and which rule decided (classify/launch-reader.ts, docs/launch-reader.md).
// Reads feeds/ only: no database, no network.
import type { GlobalOptions, Io } from './io.js';
import { detectAnnouncement } from '../classify/announce.js';
import { readLaunch } from '../classify/launch-reader.js';
import { loadConfig } from '../config/index.js';
import { UsageError } from '../errors.js';
import { printJson } from './output.js';

interface ExplainOpts extends GlobalOptions {
  lead?: string;
  vendor?: string;
}

export default async function run(args: unknown[], opts: ExplainOpts, io: Io): Promise<number> {
  const title = String(args[0] ?? '').trim();
  if (!title)
    throw new UsageError(
      'explain-post: give the post title, e.g. modelwatch explain-post "Introducing Claude Opus 4.5" --vendor anthropic',
    );
  const config = loadConfig({ env: io.env, feeds: opts.feeds, withoutFeeds: false });
  const vendors = opts.vendor ? config.vendors.filter((v) => v.id === opts.vendor) : config.vendors;
  if (opts.vendor && !vendors.length) {
    throw new UsageError(
      `explain-post: no vendor "${opts.vendor}" in ${config.feedsDir} (known: ${config.vendors.map((v) => v.id).join(', ')})`,
    );
  }
  const post = { title, summary: opts.lead ?? null };
  const readings = vendors.map((v) => {
    const r = readLaunch(post, v, { leadSentences: 3 });
    const a = detectAnnouncement(post, v, { leadSentences: 3 });
    return {
      vendor: v.id,
      decision: a ? a.kind : 'none',
      rule: r.rule ?? (a?.kind === 'availability' ? 'availability' : null),
      matchedIn: r.matchedIn,
      clause: r.clause,
      models: a ? a.models.map((m) => ({ id: m.id, name: m.name, line: m.line, lineReason: m.lineReason })) : [],
      availability: r.availability.map((x) => ({ name: x.name, place: x.place, specific: x.specific })),
      access: a?.access ?? null,
      openWeights: a?.openWeights ?? null,
      trace: r.trace,
    };
  });
  // Without --vendor, only the vendors whose families the post mentions are worth showing.
  const shown = opts.vendor ? readings : readings.filter((r) => r.trace.some((t) => /^\s+(title|lead): /.test(t)));
  if (opts.json) return (printJson(io, shown), 0);
  if (!shown.length) {
    io.stdout.write(`no vendor's family is named in this post: not a launch\n`);
    return 0;
  }
  for (const r of shown) {
    const what =
      r.decision === 'launch'
        ? `launch (rule ${r.rule}, in the ${r.matchedIn})`
        : r.decision === 'availability'
          ? 'availability of a known model (no new model)'
          : 'not a launch';
    io.stdout.write(`${r.vendor}: ${what}\n`);
    for (const m of r.models) io.stdout.write(`  model: ${m.name} → ${m.id} (${m.line} line; ${m.lineReason})\n`);
    for (const x of r.availability)
      io.stdout.write(`  available: ${x.name} in ${x.place || '(unnamed place)'}${x.specific ? '' : ' (the bare family: no model)'}\n`);
    if (r.access) io.stdout.write(`  access stated: ${r.access}\n`);
    if (r.openWeights)
      io.stdout.write(`  announced as open: ${r.openWeights.license ?? 'no licence named'} ("${r.openWeights.statement}")\n`);
    io.stdout.write(`  trace:\n${r.trace.map((t) => `    ${t}`).join('\n')}\n`);
  }
  return 0;
}
