// The collectors, listed by hand (habit 3): one line per source kind. Adding a kind means adding
// its file and one line here; a kind listed twice is refused at start-up.
import type { SourceKind } from '../model.js';
import { feedCollector } from './feed.js';
import { githubCollector } from './github.js';
import { huggingfaceCollector } from './huggingface.js';
import { pageCollector } from './page.js';
import type { Collector } from './types.js';

export const COLLECTORS: readonly Collector[] = [huggingfaceCollector, githubCollector, feedCollector, pageCollector];

export type CollectorRegistry = ReadonlyMap<SourceKind, Collector>;

/** Indexes `collectors` by kind; two collectors for one kind is a programming error. */
export function createRegistry(collectors: readonly Collector[] = COLLECTORS): CollectorRegistry {
  const byKind = new Map<SourceKind, Collector>();
  for (const c of collectors) {
    if (byKind.has(c.kind)) throw new Error(`collectors: kind "${c.kind}" is registered twice`);
    byKind.set(c.kind, c);
  }
  return byKind;
}

/** The collector for `kind`, or an error naming the kinds that exist. */
export function collectorFor(registry: CollectorRegistry, kind: SourceKind): Collector {
  const c = registry.get(kind);
  if (!c) throw new Error(`collectors: no collector for kind "${kind}" (known: ${[...registry.keys()].join(', ')})`);
  return c;
}
