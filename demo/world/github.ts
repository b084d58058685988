// The GitHub REST side of a replay world (external-apis.md §2), answered from mutable state:
//   GET /repos/{o}/{r}/releases?per_page=…   the release list (strong ETag, 304 on If-None-Match)
//   GET /repos/{o}/{r}/license               the documented licence-content shape (404 when none)
// Bodies and headers derive from octokit/fixtures recordings (demo/recordings/PROVENANCE.md,
// test/fixtures/github/PROVENANCE.md): the recorded release object and the recorded response
// headers (rate-limit headers included).
import { createHash } from 'node:crypto';
import { readJsonFixture, type NockInteraction } from './fixtures.js';
import { gitBlobSha } from './hub.js';
import type { RecordedRequest, ReplayResponse, ReplayWorld } from './server.js';

export interface GhRepoState {
  releases: Record<string, unknown>[];
  license: { spdx: string | null; key: string; name: string; text: string } | null;
}

export interface GhState {
  /** `owner/repo` → its state. */
  repos: Map<string, GhRepoState>;
}

const RELEASE_FIXTURE = 'github/release-assets.raw-fixture.json';

function recordedInteraction(): NockInteraction {
  return readJsonFixture<NockInteraction[]>(RELEASE_FIXTURE)[3]!;
}

/** The recorded response headers, without those that belong to one body or one connection. */
function recordedHeaders(): Record<string, string> {
  const raw = recordedInteraction().rawHeaders;
  const out: Record<string, string> = {};
  for (let k = 0; k < raw.length; k += 2) {
    const name = raw[k]!;
    if (['content-length', 'etag', 'last-modified', 'date', 'connection'].includes(name.toLowerCase())) continue;
    out[name] = out[name] ? `${out[name]}, ${raw[k + 1]}` : raw[k + 1]!;
  }
  return out;
}

/** A release of `repo` derived from the recorded one: its id, tag, name, body and date replaced. */
export function derivedRelease(
  repo: string,
  r: { id: number; tag: string; name: string; body: string; publishedAt: string; prerelease?: boolean },
): Record<string, unknown> {
  const rec = structuredClone(recordedInteraction().response) as Record<string, unknown>;
  const recordedRepo = /\/repos\/([^/]+\/[^/]+)\//.exec(String(rec['url']))![1]!;
  const swap = (v: unknown) => (typeof v === 'string' ? v.replaceAll(recordedRepo, repo) : v);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = swap(v);
  return {
    ...out,
    url: `https://api.github.com/repos/${repo}/releases/${r.id}`,
    assets_url: `https://api.github.com/repos/${repo}/releases/${r.id}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo}/releases/${r.id}/assets{?name,label}`,
    html_url: `https://github.com/${repo}/releases/tag/${r.tag}`,
    id: r.id,
    node_id: `RE_${r.id}`,
    tag_name: r.tag,
    name: r.name,
    body: r.body,
    draft: false,
    prerelease: r.prerelease ?? false,
    created_at: r.publishedAt,
    published_at: r.publishedAt,
    tarball_url: `https://api.github.com/repos/${repo}/tarball/${r.tag}`,
    zipball_url: `https://api.github.com/repos/${repo}/zipball/${r.tag}`,
  };
}

/** GitHub's strong ETag form. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('hex')}"`;
}

/** 304 when the request carries the body's ETag, else 200 with the JSON body. */
export function ghConditional(req: RecordedRequest, headers: Record<string, string>, body: string): ReplayResponse {
  const etag = strongEtag(body);
  // A 304 carries the ETag and the rate-limit headers, no body (external-apis.md §2.3).
  if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ...headers, ETag: etag } };
  return { status: 200, headers: { ...headers, ETag: etag, 'Content-Type': 'application/json; charset=utf-8' }, body };
}

/** The `/repos/{o}/{r}/license` body GitHub sends (external-apis.md §2.2): base64 with a newline every 60 chars. */
export function ghLicenseBody(repo: string, l: NonNullable<GhRepoState['license']>): string {
  const sha = gitBlobSha(l.text);
  const api = `https://api.github.com/repos/${repo}`;
  const web = `https://github.com/${repo}`;
  const content =
    (
      Buffer.from(l.text)
        .toString('base64')
        .match(/.{1,60}/g) ?? []
    ).join('\n') + '\n';
  return JSON.stringify({
    name: 'LICENSE',
    path: 'LICENSE',
    sha,
    size: Buffer.byteLength(l.text),
    url: `${api}/contents/LICENSE?ref=main`,
    html_url: `${web}/blob/main/LICENSE`,
    git_url: `${api}/git/blobs/${sha}`,
    download_url: `https://raw.githubusercontent.com/${repo}/main/LICENSE`,
    type: 'file',
    content,
    encoding: 'base64',
    _links: { self: `${api}/contents/LICENSE?ref=main`, git: `${api}/git/blobs/${sha}`, html: `${web}/blob/main/LICENSE` },
    license: {
      key: l.key,
      name: l.name,
      spdx_id: l.spdx,
      url: l.spdx && l.spdx !== 'NOASSERTION' ? `https://api.github.com/licenses/${l.key}` : null,
      node_id: 'MDc6TGljZW5zZW1pdA==',
    },
  });
}

function unexpected(world: ReplayWorld, req: RecordedRequest, why: string): ReplayResponse {
  world.unexpected.push(req);
  return { status: 599, headers: { 'content-type': 'text/plain' }, body: `replay github: ${why}` };
}

/** Installs the GitHub routes on `world`, answering from `state()` at request time. */
export function routeGithub(world: ReplayWorld, state: () => GhState): void {
  const headers = recordedHeaders();
  const match = (url: string) => /^\/repos\/([^/]+\/[^/]+)\/(releases|license)$/.exec(new URL(url, 'http://x').pathname);

  world.route(
    'GET',
    (url) => match(url) !== null,
    (req) => {
      const [, repo, what] = match(req.url)!;
      const s = state().repos.get(repo!);
      if (!s) return unexpected(world, req, `no repository ${repo}`);
      if (what === 'releases') {
        const perPage = Number(new URL(req.url, world.url).searchParams.get('per_page') ?? '30');
        if (!(perPage >= 1 && perPage <= 100)) return unexpected(world, req, `per_page=${perPage}`);
        // Newest first, one page: the world never holds more releases than a page.
        const list = [...s.releases].sort((a, b) => String(b['published_at']).localeCompare(String(a['published_at'])));
        return ghConditional(req, headers, JSON.stringify(list.slice(0, perPage)));
      }
      if (!s.license) {
        return {
          status: 404,
          headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
          body: '{"message":"Not Found","documentation_url":"https://docs.github.com/rest/licenses/licenses#get-the-license-for-a-repository","status":"404"}',
        };
      }
      return ghConditional(req, headers, ghLicenseBody(repo!, s.license));
    },
  );
}
