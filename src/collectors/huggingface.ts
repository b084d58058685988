// Hugging Face Hub collector: one source = one author (org or user).
// API: https://huggingface.co/docs/hub/api — GET /api/models (list, `Link: <…>; rel="next"`
// pagination), GET /api/models/{id} (info; 307 with a relative Location after a rename;
// 401/404 when gone, 403 when disabled), GET /{id}/resolve/main/{file} (raw files; the ETag of
// a small git file is its blob sha). Facts and quirks: ../shared/reference/external-apis.md §1.
//
// Steady state: ONE conditional list request per author (304 → nothing to do). The list is
// sorted by lastModified, newest first, so further pages are fetched only while a page still
// holds repos modified after the stored high-water mark. A complete listing (no next page) is
// reconciled with the known repos; an author too large for one page gets that full pass on a
// slower schedule (`reconcileEveryHours`, default DEFAULT_RECONCILE_HOURS in config/defaults.ts).
import { DEFAULT_RECONCILE_HOURS, LICENSE_TEXT_MAX_CHARS } from '../config/defaults.js';
import { passesFilters } from '../shared/filters.js';
import { sha256 } from '../shared/hash.js';
import type { HttpRequest, HttpResponse, Validators } from '../http/index.js';
import { loadLicenseKb, standardLicenseIds } from '../classify/licenses.js';
import { scoresFromModelIndex } from '../classify/scores.js';
import { type ModelGoneObservation, type ModelObservation, type Observation, isWeightFile, storedModelState } from '../model.js';
import { isHubRepoId } from '../shared/ids.js';
import { errorDetail, parseJsonBody, sourceLabel, statusError, toSourceError } from './errors.js';
import { hfModelIdentitySchema, hfModelListSchema, type HfModel } from './schemas/huggingface.js';
import type { CollectorContext, CollectResult, Collector } from './types.js';

export const HF_KIND = 'huggingface';
/** Repeated `expand=` keys: exactly what the observation needs (downloads/likes for display). */
export const HF_EXPAND = [
  'createdAt',
  'lastModified',
  'sha',
  'gated',
  'private',
  'disabled',
  'tags',
  'cardData',
  'siblings',
  'safetensors',
  'downloads',
  'likes',
  'author',
  'pipeline_tag',
  'library_name',
] as const;
/** The largest page the list endpoint serves: one request usually covers a whole author. */
export const HF_PAGE_LIMIT = 1000;
/** Safety stop for a runaway `Link` chain. */
export const HF_MAX_PAGES = 50;
const LICENSE_MAX_BYTES = 2 * 1024 * 1024;

/** What the collector remembers between polls (stored as the source's cursor). */
export interface HfCursor {
  /** Newest `lastModified` seen in a listing. */
  highWater?: string;
  /** Last time a complete listing was reconciled with the known repos. */
  lastFullAt?: string;
  /** The author needed more than one page last time. */
  multiPage?: boolean;
}

export const huggingfaceCollector: Collector = {
  kind: HF_KIND,
  async poll(ctx) {
    const label = sourceLabel(HF_KIND, ctx.source.target);
    const io = new Io(ctx, label);
    try {
      return await pollAuthor(ctx, io, label);
    } catch (err) {
      throw toSourceError(label, err);
    }
  },
};

export function hfListUrl(base: string, author: string): string {
  const q = new URLSearchParams({ author, sort: 'lastModified', direction: '-1', limit: String(HF_PAGE_LIMIT) });
  for (const key of HF_EXPAND) q.append('expand', key);
  return `${base}/api/models?${q.toString()}`;
}

/** Request bookkeeping: counts attempts and 304s, collects validators to store. */
class Io {
  requests = 0;
  notModified = 0;
  validators: { url: string; validators: Validators }[] = [];
  constructor(
    private ctx: CollectorContext,
    private label: string,
  ) {}
  async get(url: string, opts: Omit<HttpRequest, 'url' | 'label'> = {}): Promise<HttpResponse> {
    let res: HttpResponse;
    try {
      res = await this.ctx.http.request({
        url,
        label: this.label,
        ...(this.ctx.maxWaitMs !== undefined && { maxWaitMs: this.ctx.maxWaitMs }),
        ...(this.ctx.signal && { signal: this.ctx.signal }),
        ...opts,
      });
    } catch (err) {
      this.requests++;
      throw err;
    }
    this.requests += res.attempts;
    if (res.notModified) this.notModified++;
    return res;
  }
  keep(url: string, res: HttpResponse): void {
    if (res.validators.etag || res.validators.lastModified) this.validators.push({ url, validators: res.validators });
  }
}

function readCursor(raw: Record<string, unknown>): HfCursor {
  const str = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined);
  const c: HfCursor = {};
  const hw = str(raw['highWater']);
  const full = str(raw['lastFullAt']);
  if (hw) c.highWater = hw;
  if (full) c.lastFullAt = full;
  if (raw['multiPage'] === true) c.multiPage = true;
  return c;
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + (u.search ? '?…' : '');
}

async function pollAuthor(ctx: CollectorContext, io: Io, label: string): Promise<CollectResult> {
  const base = ctx.endpoints.huggingface.replace(/\/+$/, '');
  const author = ctx.source.target;
  const cursor = readCursor(ctx.cursor);
  const now = ctx.now();
  const everyMs = (ctx.source.reconcileEveryHours ?? DEFAULT_RECONCILE_HOURS) * 3_600_000;
  const fullDue = cursor.multiPage === true && (!cursor.lastFullAt || now.getTime() - Date.parse(cursor.lastFullAt) >= everyMs);
  const wantAll = cursor.highWater === undefined || fullDue;
  const listUrl = hfListUrl(base, author);
  const result = (observations: Observation[], next: HfCursor): CollectResult => ({
    observations,
    validators: io.validators,
    cursor: { ...next },
    requests: io.requests,
    notModified: io.notModified,
  });

  let res = await io.get(listUrl, { validators: ctx.validators.get(listUrl) ?? {} });
  if (res.notModified) {
    if (!fullDue) return result([], cursor);
    // A full pass needs every page's content; the 304 only said page one is unchanged.
    res = await io.get(listUrl);
  }
  expectOk(res, label, 'the model list');
  io.keep(listUrl, res);

  // Page through while the newest-first listing may still hold repos changed since last time.
  const listed = new Map<string, HfModel>();
  let pages = 0;
  let complete = false;
  for (;;) {
    pages++;
    const items = parseJsonBody(hfModelListSchema, res.body, label, `GET ${pathOf(res.url)}`);
    // An id the Hub would not accept never becomes a URL path (`x/../../y` would fetch another
    // path of the host, with HF_TOKEN): the item is left out of this poll.
    for (const item of items) if (isHubRepoId(item.id) && !listed.has(item.id)) listed.set(item.id, item);
    const next = nextLink(res.headers['link']);
    if (!next) {
      complete = true;
      break;
    }
    const oldest = items.at(-1)?.lastModified;
    const pageIsNewer = oldest && cursor.highWater && Date.parse(oldest) > Date.parse(cursor.highWater);
    if ((!wantAll && !pageIsNewer) || pages >= HF_MAX_PAGES || items.length === 0) break;
    res = await io.get(next);
    expectOk(res, label, 'the model list');
  }

  const knownModels = new Map<string, ModelObservation>();
  const goneKeys = new Set<string>();
  for (const [key, item] of ctx.known) {
    if (item.type !== 'model') continue;
    knownModels.set(key, item.state as ModelObservation);
    if (item.goneAt) goneKeys.add(key);
  }
  const byHubId = new Map([...knownModels.values()].filter((m) => m.hubId).map((m) => [m.hubId!, m]));

  const observations: Observation[] = [];
  for (const item of listed.values()) {
    if (!passesFilters(item.id, ctx.source.include, ctx.source.exclude)) continue;
    const key = modelKey(item.id);
    const prev = knownModels.get(key) ?? byHubId.get(item._id);
    const obs = toObservation(item, base);
    await attachLicenseText(obs, item, prev, ctx, io, base, label);
    // Unchanged repos are left as they are: downloads and likes alone are not news.
    if (prev && prev.key === key && !goneKeys.has(key) && sameState(prev, obs)) continue;
    observations.push(obs);
  }

  if (complete) {
    const listedKeys = new Set([...listed.keys()].map(modelKey));
    const listedHubIds = new Map([...listed.values()].map((m) => [m._id, m.id]));
    for (const [key, state] of knownModels) {
      if (listedKeys.has(key) || goneKeys.has(key)) continue;
      const gone = await checkMissing(state, listedHubIds, io, base, label);
      if (gone) observations.push(gone);
    }
  }

  const newest = [...listed.values()].map((m) => m.lastModified).filter((d): d is string => !!d && !Number.isNaN(Date.parse(d)));
  const highWater = [cursor.highWater, ...newest].filter((d): d is string => !!d).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const next: HfCursor = { ...(highWater && { highWater }), multiPage: pages > 1 || !complete };
  const lastFullAt = complete ? now.toISOString() : cursor.lastFullAt;
  if (lastFullAt) next.lastFullAt = lastFullAt;
  return result(observations, next);
}

function expectOk(res: HttpResponse, label: string, what: string): void {
  if (res.status !== 200) throw statusError(label, res.status, what, errorDetail(res));
}

/** `<https://…>; rel="next"` → the URL (huggingface.js accepts only absolute http(s) URLs). */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const m of header.matchAll(/<([^>]+)>\s*;\s*rel="?([^";]+)"?/g)) {
    if (m[2]!.split(/\s+/).includes('next') && /^https?:\/\//.test(m[1]!)) return m[1];
  }
  return undefined;
}

export function modelKey(repoId: string): string {
  return `hf:${repoId}`;
}

// ---------------------------------------------------------------------------
// Normalising a list item

/** Licence id from the card (string or list) or, failing that, the Hub's `license:` tags. */
export function licenseIdOf(item: Pick<HfModel, 'cardData' | 'tags'>): string | null {
  const card = item.cardData?.license;
  const fromCard = (Array.isArray(card) ? card : card ? [card] : []).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const ids = fromCard.length ? fromCard : item.tags.filter((t) => t.startsWith('license:')).map((t) => t.slice(8).toLowerCase());
  const unique = [...new Set(ids)].sort();
  return unique.length ? unique.join(',') : null;
}

function toObservation(item: HfModel, base: string): ModelObservation {
  const files = (item.siblings ?? []).map((s) => s.rfilename);
  const baseModel = item.cardData?.base_model;
  return {
    type: 'model',
    key: modelKey(item.id),
    hubId: item._id,
    repoId: item.id,
    url: `${base}/${item.id}`,
    createdAt: item.createdAt ?? null,
    lastModified: item.lastModified ?? null,
    sha: item.sha ?? null,
    license: { id: licenseIdOf(item), name: item.cardData?.license_name ?? null, link: item.cardData?.license_link ?? null },
    licenseTextHash: null,
    gated: item.gated,
    private: item.private,
    disabled: item.disabled,
    weightFiles: files.filter(isWeightFile).sort(),
    parameters: item.safetensors?.total ?? null,
    tags: item.tags,
    pipelineTag: item.pipeline_tag ?? null,
    baseModel: baseModel == null ? null : Array.isArray(baseModel) ? baseModel : [baseModel],
    scores: scoresFromModelIndex(item.cardData?.['model-index'], {
      modelId: item.id,
      date: item.lastModified?.slice(0, 10) ?? null,
      sourceUrl: `${base}/${item.id}`,
    }),
  };
}

function sameState(a: ModelObservation, b: ModelObservation): boolean {
  return JSON.stringify(storedModelState(a)) === JSON.stringify(storedModelState(b));
}

// ---------------------------------------------------------------------------
// Licence text: fetched only when it can tell something the licence id cannot

/** Licences whose text is fixed by a standards body: the id says it all. Everything else
 *  (`other`, llama*, gemma, openrail*, …, or no id at all) is bespoke: its text is watched.
 *  The list is the licence knowledge base's `standard: true` entries (classify/licenses.yaml),
 *  read once, on first use. */
let standardLicenses: ReadonlySet<string> | undefined;

export function isStandardLicense(id: string | null): boolean {
  return !!id && id.split(',').every((one) => (standardLicenses ??= standardLicenseIds(loadLicenseKb())).has(one));
}

/** The repo file holding the licence: the card's relative `license_link`, else a LICENSE sibling. */
export function licenseFileOf(item: HfModel): string | null {
  const link = item.cardData?.license_link?.trim();
  if (link && !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('//')) {
    const path = link.replace(/^\.?\//, '').replace(/^(blob|resolve)\/main\//, '');
    if (path && !path.split('/').includes('..')) return path;
  }
  if (!item.siblings) return null;
  const names = new Set(item.siblings.map((s) => s.rfilename));
  return ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'LICENSE.MD'].find((n) => names.has(n)) ?? null;
}

function unquote(etag: string | null | undefined): string | null {
  return etag ? etag.replace(/^W\//, '').replace(/^"|"$/g, '') : null;
}

async function attachLicenseText(
  obs: ModelObservation,
  item: HfModel,
  prev: ModelObservation | undefined,
  ctx: CollectorContext,
  io: Io,
  base: string,
  label: string,
): Promise<void> {
  obs.licenseTextHash = prev?.licenseTextHash ?? null;
  const file = licenseFileOf(item);
  if (!file) {
    obs.licenseTextHash = null;
    return;
  }
  const url = `${base}/${item.id}/resolve/main/${file.split('/').map(encodeURIComponent).join('/')}`;
  const stored = ctx.validators.get(url);
  // With `blobs` metadata the sibling's blob id equals the file's ETag: a change is visible here.
  const blobId = item.siblings?.find((s) => s.rfilename === file)?.blobId;
  const blobChanged = blobId !== undefined && stored?.etag !== undefined && unquote(stored.etag) !== blobId;
  if (!blobChanged && isStandardLicense(obs.license.id)) return;
  // Same commit: the text cannot have changed (and a file we could not read stays unread).
  if (!blobChanged && prev && prev.sha && prev.sha === obs.sha) return;

  const res = await io.get(url, { validators: stored ?? {}, maxBytes: LICENSE_MAX_BYTES });
  if (res.notModified) return;
  if (res.status === 200) {
    io.keep(url, res);
    obs.licenseTextHash = sha256(res.body);
    obs.licenseText = res.body.toString('utf8').slice(0, LICENSE_TEXT_MAX_CHARS);
    return;
  }
  // Gated files need an accepted licence and a token; a missing file has no text. Neither is
  // an error of the source: the licence id still stands.
  if (res.status === 401 || res.status === 403 || res.status === 404) return;
  throw statusError(label, res.status, `${item.id} licence file ${file}`, errorDetail(res));
}

// ---------------------------------------------------------------------------
// Reconciliation: a known repo missing from a complete listing is checked once

async function checkMissing(
  state: ModelObservation,
  listedHubIds: Map<string, string>,
  io: Io,
  base: string,
  label: string,
): Promise<ModelGoneObservation | null> {
  const url = `${base}/api/models/${state.repoId}`;
  const res = await io.get(url, { redirect: 'manual' });
  const gone = (reason: ModelGoneObservation['reason'], extra: Partial<ModelGoneObservation> = {}): ModelGoneObservation => ({
    type: 'model-gone',
    key: state.key,
    repoId: state.repoId,
    url: state.url,
    reason,
    status: res.status,
    errorCode: res.headers['x-error-code'] ?? null,
    ...extra,
  });
  const location = res.headers['location'];
  if (res.status >= 300 && res.status < 400 && location) {
    const renamedTo = await renamedId(state, new URL(location, url).href, listedHubIds, io, label);
    return renamedTo ? gone('renamed', { renamedTo }) : gone('withdrawn');
  }
  if (res.status === 200) return null; // still there: the listing lagged; look again next time
  if (res.status === 401 || res.status === 404 || res.status === 410) return gone('withdrawn');
  if (res.status === 403) return res.headers['x-error-code'] === 'GatedRepo' ? null : gone('disabled');
  throw statusError(label, res.status, `${state.repoId} (missing from the listing)`, errorDetail(res));
}

/** The repo id a redirect leads to, confirmed by the `_id` that survives renames. */
async function renamedId(
  state: ModelObservation,
  target: string,
  listedHubIds: Map<string, string>,
  io: Io,
  label: string,
): Promise<string | null> {
  const m = /^\/api\/models\/(.+)$/.exec(new URL(target).pathname);
  if (!m) return null;
  const toId = decodeURIComponent(m[1]!);
  // The new name is in this very listing: its `_id` confirms the rename without a request.
  if (state.hubId && listedHubIds.get(state.hubId) === toId) return toId;
  const res = await io.get(target, { redirect: 'manual' });
  if (res.status !== 200) return null;
  const body = parseJsonBody(hfModelIdentitySchema, res.body, label, `GET ${pathOf(target)}`);
  if (state.hubId && body._id !== state.hubId) return null; // the old name now points elsewhere
  return body.id;
}
