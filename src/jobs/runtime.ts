// Wires one running modelwatch from a Config: the HTTP edge with tokens confined to their hosts,
// the collectors, the router, the channels and the post-collect steps. Loaded lazily by the
// commands that poll, so `modelwatch --help` never imports the heavy libraries behind it.
import { loadLicenseKb } from '../classify/licenses.js';
import { collectorFor, createRegistry } from '../collectors/registry.js';
import type { Config } from '../config/index.js';
import { createHttpClient, createRedactor, type HttpClient, type HttpClientOptions, type TokenRule } from '../http/index.js';
import type { Logger } from '../log.js';
import type { Channel } from '../notify/channel.js';
import { createChannels } from '../notify/channels.js';
import { dispatch } from '../notify/dispatch.js';
import { makeRouter } from '../notify/rules.js';
import { unclassifiedModelIds } from '../store/classifications.js';
import type { Db } from '../store/db.js';
import { isRepeatAnnouncement, type Router } from '../store/events.js';
import { getModel } from '../store/models.js';
import { USER_AGENT } from '../version.js';
import { classifyModels, touchedModels } from './classify.js';
import type { CycleDeps, CycleStep } from './cycle.js';
import { checkDeadlines } from './deadlines.js';
import { evaluateGaps } from './gap.js';
import { updateReleases } from './releases.js';
import { followLinks } from './discover.js';
import { storePostScoresSinceLastRun } from './scores.js';

export interface RuntimeOptions {
  db: Db;
  config: Config;
  log: Logger;
  now?: () => Date;
  random?: () => number;
  /** Stream of the console channel. */
  out?: { write(chunk: string): unknown };
  /** Leave alerts pending (`poll --no-dispatch`). */
  noDispatch?: boolean;
  http?: Partial<HttpClientOptions>;
  signal?: AbortSignal;
}

export interface Runtime extends CycleDeps {
  http: HttpClient;
  channels: Map<string, Channel>;
  redact: (s: string) => string;
  close(): void;
}

export function tokenRules(config: Config): TokenRule[] {
  const rules: TokenRule[] = [];
  if (config.env.hfToken) rules.push({ origin: new URL(config.env.hfEndpoint).origin, authorization: `Bearer ${config.env.hfToken}` });
  if (config.env.githubToken)
    rules.push({ origin: new URL(config.env.githubApiUrl).origin, authorization: `Bearer ${config.env.githubToken}` });
  return rules;
}

export function createRuntime(o: RuntimeOptions): Runtime {
  const now = o.now ?? (() => new Date());
  const random = o.random ?? Math.random;
  const { db, config } = o;
  const redact = createRedactor(config.secrets);
  const http = createHttpClient({ userAgent: USER_AGENT, tokens: tokenRules(config), now: () => now().getTime(), random, ...o.http });
  const channels = createChannels(config.env.channels, { http, now, out: o.out });
  const vendors = new Map(config.vendors.map((v) => [v.id, v]));
  // The router is rebuilt per use so that snoozes are judged against the current time.
  const route: Router = (e) =>
    // A model is released once: a later post about it (API availability, a benchmark) is recorded
    // but does not alert as a release again; what it changes alerts as a reclassification.
    e.kind === 'announcement' && e.modelId && isRepeatAnnouncement(db, e.id, e.modelId)
      ? []
      : makeRouter({ channels: [...channels.keys()], vendors, now: now().toISOString(), lineOf: (id) => getModel(db, id)?.line ?? null })(
          e,
        );
  const registry = createRegistry();
  const kb = loadLicenseKb();
  // Links in new posts first: what a discovered source finds is classified in the same cycle.
  let self: Runtime | null = null;
  const discoverStep: CycleStep = { name: 'discover', run: ({ events }) => (self ? followLinks(self, events) : []) };
  const classifyStep: CycleStep = {
    name: 'classify',
    // Plus any model never classified: a crash after a poll was stored but before this step ran.
    run: ({ events }) =>
      classifyModels({ db, kb, overrides: config.overrides, route, now }, [...touchedModels(events), ...unclassifiedModelIds(db)]),
  };
  // Releases after classification: a release's side is decided by its artefacts' levels.
  const releasesStep: CycleStep = {
    name: 'releases',
    run: ({ events }) => updateReleases({ db, route, now, vendors: config.vendors }, events),
  };
  // Scores stated in new posts feed M4/M5, so they are stored before the gap is evaluated.
  const scoresStep: CycleStep = { name: 'scores', run: () => storePostScoresSinceLastRun({ db, now }) };
  const gapStep: CycleStep = {
    name: 'gap',
    run: ({ vendorIds }) => evaluateGaps({ db, route, now, vendors: config.vendors.filter((v) => vendorIds.has(v.id)) }),
  };
  const deadlineStep: CycleStep = {
    name: 'deadlines',
    run: () => checkDeadlines({ db, route, now, vendorIds: new Set(vendors.keys()) }),
  };
  const vendorNames = new Map(config.vendors.map((v) => [v.id, v.name]));
  // One dispatcher at a time in this process (overlapping cycles queue behind each other), so a
  // batch whose "sent" is still being recorded is never planned again by a sibling.
  let queue: Promise<unknown> = Promise.resolve();
  const serialDispatch = () => {
    const run = queue.then(() =>
      dispatch({ db, channels, now, random, log: (line) => o.log.info(redact(line)), signal: o.signal }, { vendorNames }),
    );
    queue = run.catch(() => undefined);
    return run;
  };
  self = {
    db,
    http,
    now,
    random,
    route,
    endpoints: { huggingface: config.env.hfEndpoint, github: config.env.githubApiUrl },
    collectorFor: (kind) => collectorFor(registry, kind),
    vendors: config.vendors,
    steps: [discoverStep, classifyStep, releasesStep, scoresStep, gapStep, deadlineStep],
    dispatch: o.noDispatch ? undefined : serialDispatch,
    signal: o.signal,
    channels,
    redact,
    close: () => {
      for (const ch of channels.values()) ch.close?.();
    },
  };
  return self;
}
