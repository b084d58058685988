// GitHub collector: one source = a repository (`owner/repo`) or an organisation (`owner`).
// API: https://docs.github.com/rest — through @octokit/rest (only here), with `baseUrl` from
// the configured endpoint and `request.fetch` = the HTTP edge (tokens, limits, retries, rate
// limits). Facts: ../shared/reference/external-apis.md §2.
//   repo: GET /repos/{o}/{r}/releases?per_page=100 (first page only) and
//         GET /repos/{o}/{r}/license (SPDX id, LICENSE blob sha, base64 content; 404 = none).
//   org:  GET /orgs/{org}/repos?sort=created&direction=desc&per_page=100 → new repos whose
//         names match the vendor's line patterns.
// Every request carries the stored ETag; octokit throws RequestError 304 when nothing changed,
// so a steady-state poll of a repo costs two 304s, of an org one.
import { Octokit } from '@octokit/rest';
import { assignLine } from '../classify/lines.js';
import { LICENSE_TEXT_MAX_CHARS } from '../config/defaults.js';
import type { Validators } from '../http/index.js';
import type { Observation, ReleaseObservation, RepoLicenseObservation, RepoObservation } from '../model.js';
import { passesFilters } from '../shared/filters.js';
import { sha256 } from '../shared/hash.js';
import { parseWith, schemaError, sourceLabel, statusError, toSourceError } from './errors.js';
import { ghLicenseContentSchema, ghOrgRepoListSchema, ghReleaseListSchema, type GhRelease } from './schemas/github.js';
import type { CollectorContext, CollectResult, Collector } from './types.js';

export const GITHUB_KIND = 'github';
export const GITHUB_PER_PAGE = 100;

export const githubCollector: Collector = {
  kind: GITHUB_KIND,
  async poll(ctx) {
    const label = sourceLabel(GITHUB_KIND, ctx.source.target);
    const run = new Run(ctx, label);
    try {
      const target = ctx.source.target.trim();
      const slash = target.indexOf('/');
      const observations = slash > 0 ? await pollRepo(run, target.slice(0, slash), target.slice(slash + 1)) : await pollOrg(run, target);
      return run.result(observations);
    } catch (err) {
      throw toSourceError(label, err);
    }
  },
};

const silentLog = { debug() {}, info() {}, warn() {}, error() {} };

interface OctokitResponseLike {
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

type Fetched = { kind: 'ok'; data: unknown; url: string } | { kind: 'not-modified' } | { kind: 'not-found' };

/** One poll: the octokit client over the edge, request counting, validators to store. */
class Run {
  readonly octokit: Octokit;
  requests = 0;
  notModified = 0;
  validators: { url: string; validators: Validators }[] = [];

  constructor(
    readonly ctx: CollectorContext,
    readonly label: string,
  ) {
    const edgeFetch = ctx.http.fetch;
    const counting = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      this.requests++;
      const res = await edgeFetch(input, init);
      if (res.status === 304) this.notModified++;
      return res;
    }) as typeof fetch;
    this.octokit = new Octokit({
      baseUrl: ctx.endpoints.github.replace(/\/+$/, ''),
      request: { fetch: counting, ...(ctx.signal && { signal: ctx.signal }) },
      log: silentLog,
    });
  }

  /** A conditional GET through octokit: `url` keys the stored validators. */
  async get(
    url: string,
    what: string,
    call: (headers: Record<string, string>) => Promise<OctokitResponseLike>,
    allow404 = false,
  ): Promise<Fetched> {
    const stored = this.ctx.validators.get(url);
    const headers: Record<string, string> = {};
    if (stored?.etag) headers['if-none-match'] = stored.etag;
    else if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
    try {
      const res = await call(headers);
      // octokit hands back the text of a body that is not JSON (truncated, an HTML error page)
      // instead of failing: say so, rather than let the schema report "expected array, received string".
      if (typeof res.data === 'string')
        throw schemaError(this.label, `GET ${new URL(url, 'http://x').pathname}`, notJson(res.data, header(res.headers, 'content-type')));
      const etag = header(res.headers, 'etag');
      const lastModified = header(res.headers, 'last-modified');
      if (etag || lastModified) this.validators.push({ url, validators: { etag: etag ?? null, lastModified: lastModified ?? null } });
      return { kind: 'ok', data: res.data, url: res.url };
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status === 304) return { kind: 'not-modified' };
      if (status === 404 && allow404) return { kind: 'not-found' };
      // The edge's own errors (network, 5xx, rate limits) travel as `cause`: keep them.
      if (typeof status === 'number' && status >= 400 && status < 500 && (err as Error).cause === undefined) {
        throw statusError(this.label, status, what, (err as Error).message);
      }
      throw err;
    }
  }

  result(observations: Observation[]): CollectResult {
    return { observations, validators: this.validators, cursor: {}, requests: this.requests, notModified: this.notModified };
  }
}

function notJson(text: string, contentType: string | undefined): string {
  try {
    JSON.parse(text);
    return 'a JSON string where an object or a list was expected';
  } catch (err) {
    return contentType && /json/i.test(contentType)
      ? `invalid JSON (${(err as Error).message})`
      : `not JSON (${contentType ?? 'no content type'})`;
  }
}

function header(headers: OctokitResponseLike['headers'], name: string): string | undefined {
  const v = headers[name];
  return v === undefined ? undefined : String(v);
}

// ---------------------------------------------------------------------------
// Repository: releases and licence

async function pollRepo(run: Run, owner: string, repo: string): Promise<Observation[]> {
  const releases = await pollReleases(run, owner, repo);
  const license = await pollLicense(run, owner, repo);
  return [...releases, ...license];
}

function releaseKey(fullName: string, id: number): string {
  return `gh:${fullName}:release:${id}`;
}

async function pollReleases(run: Run, owner: string, repo: string): Promise<ReleaseObservation[]> {
  const { octokit, ctx, label } = run;
  const params = { owner, repo, per_page: GITHUB_PER_PAGE };
  const url = octokit.repos.listReleases.endpoint(params).url;
  const got = await run.get(url, 'releases', (headers) => octokit.repos.listReleases({ ...params, headers }));
  if (got.kind !== 'ok') return [];
  const fullName = `${owner}/${repo}`;
  const list = parseWith(ghReleaseListSchema, got.data, label, `GET /repos/${fullName}/releases`);
  const out: ReleaseObservation[] = [];
  for (const r of list) {
    if (r.draft) continue;
    if (r.prerelease && ctx.source.skipPrereleases) continue;
    if (!passesFilters(`${r.tag_name} ${r.name ?? ''}`, ctx.source.include, ctx.source.exclude)) continue;
    const obs = toRelease(fullName, r);
    const prev = ctx.known.get(obs.key);
    const before = prev?.type === 'release' ? (prev.state as ReleaseObservation) : undefined;
    // Unchanged releases are left as they are (the page changes whenever any release does).
    if (before && before.contentHash === obs.contentHash && before.prerelease === obs.prerelease) continue;
    out.push(obs);
  }
  return out;
}

function toRelease(fullName: string, r: GhRelease): ReleaseObservation {
  return {
    type: 'release',
    key: releaseKey(fullName, r.id),
    repo: fullName,
    tag: r.tag_name,
    name: r.name,
    prerelease: r.prerelease,
    draft: r.draft,
    publishedAt: r.published_at ?? r.created_at ?? null,
    url: r.html_url,
    contentHash: sha256(JSON.stringify([r.name ?? null, r.body ?? null])),
    body: r.body ?? null,
  };
}

async function pollLicense(run: Run, owner: string, repo: string): Promise<RepoLicenseObservation[]> {
  const { octokit, ctx, label } = run;
  const fullName = `${owner}/${repo}`;
  const params = { owner, repo };
  const url = octokit.licenses.getForRepo.endpoint(params).url;
  const got = await run.get(url, 'licence', (headers) => octokit.licenses.getForRepo({ ...params, headers }), true);
  if (got.kind === 'not-modified') return [];
  const key = `gh:${fullName}:license`;
  const prev = ctx.known.get(key);
  const before = prev?.type === 'repo-license' ? (prev.state as RepoLicenseObservation) : undefined;
  const repoUrl = `${ctx.endpoints.github.replace(/\/+$/, '')}/repos/${fullName}`;

  if (got.kind === 'not-found') {
    // 404: GitHub detected no licence file.
    if (before && before.spdxId === null && before.blobSha === null) return [];
    return [{ type: 'repo-license', key, repo: fullName, spdxId: null, blobSha: null, licenseTextHash: null, url: repoUrl }];
  }

  const data = parseWith(ghLicenseContentSchema, got.data, label, `GET /repos/${fullName}/license`);
  const spdxId = data.license?.spdx_id ?? null;
  const obs: RepoLicenseObservation = {
    type: 'repo-license',
    key,
    repo: fullName,
    spdxId,
    blobSha: data.sha,
    licenseTextHash: before?.licenseTextHash ?? null,
    url: data.html_url ?? repoUrl,
  };
  // The blob sha is the change detector: the text is decoded only when it moved.
  if (!before || before.blobSha !== data.sha || !before.licenseTextHash) {
    const text = decodeContent(data.content, data.encoding);
    if (text !== null) {
      obs.licenseTextHash = sha256(text);
      obs.licenseText = text.slice(0, LICENSE_TEXT_MAX_CHARS);
    }
  }
  if (before && before.blobSha === obs.blobSha && before.spdxId === obs.spdxId && before.licenseTextHash === obs.licenseTextHash) return [];
  return [obs];
}

function decodeContent(content: string | undefined, encoding: string | undefined): string | null {
  if (content === undefined) return null;
  if (encoding && encoding !== 'base64') return content;
  // GitHub wraps base64 at 60 characters.
  return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
}

// ---------------------------------------------------------------------------
// Organisation: new repositories of the vendor's lines

async function pollOrg(run: Run, org: string): Promise<RepoObservation[]> {
  const { octokit, ctx, label } = run;
  const params = { org, sort: 'created' as const, direction: 'desc' as const, per_page: GITHUB_PER_PAGE };
  const url = octokit.repos.listForOrg.endpoint(params).url;
  const got = await run.get(url, 'repositories', (headers) => octokit.repos.listForOrg({ ...params, headers }));
  if (got.kind !== 'ok') return [];
  const list = parseWith(ghOrgRepoListSchema, got.data, label, `GET /orgs/${org}/repos`);
  const hasLines = Boolean(ctx.vendor.lines.open?.match.length || ctx.vendor.lines.proprietary?.match.length);
  const out: RepoObservation[] = [];
  for (const r of list) {
    const key = `gh:${r.full_name}`;
    if (ctx.known.has(key)) continue; // repos are news once; their later changes are not tracked here
    const ofLine = hasLines ? assignLine(ctx.vendor, r.name).line !== null : true;
    const included = ctx.source.include?.length ? passesFilters(r.name, ctx.source.include) : false;
    if (!(ofLine || included) || !passesFilters(r.name, undefined, ctx.source.exclude)) continue;
    out.push({ type: 'repo', key, repo: r.full_name, url: r.html_url, createdAt: r.created_at ?? null, description: r.description });
  }
  return out;
}
