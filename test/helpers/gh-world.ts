// A GitHub REST replay on top of the replay server, built from octokit/fixtures recordings in
// test/fixtures/github/ (see its PROVENANCE.md). Mutable state read at request time:
//   GET /repos/{o}/{r}/releases     the release list (strong ETag, 304)
//   GET /repos/{o}/{r}/license      licence content (documented shape; 404 when none)
//   GET /orgs/{org}/repos           repositories of an org
import { readFileSync } from 'node:fs';
import type { ReplayResponse, ReplayWorld } from './replay-server.js';
import { ghConditional, ghLicenseBody } from '../../demo/world/github.js';

interface NockInteraction {
  method: string;
  path: string;
  status: number;
  response: unknown;
  rawHeaders: string[];
}

const DIR = new URL('../fixtures/github/', import.meta.url);

function loadScenario(file: string): NockInteraction[] {
  return JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as NockInteraction[];
}

function headersOf(i: NockInteraction): Record<string, string> {
  const out: Record<string, string> = {};
  for (let k = 0; k < i.rawHeaders.length; k += 2) {
    const name = i.rawHeaders[k]!;
    if (['content-length', 'etag', 'last-modified', 'date', 'connection'].includes(name.toLowerCase())) continue;
    out[name] = out[name] ? `${out[name]}, ${i.rawHeaders[k + 1]}` : i.rawHeaders[k + 1]!;
  }
  return out;
}

const releaseInteraction = () => loadScenario('release-assets.raw-fixture.json')[3]!;
const repoInteraction = () => loadScenario('get-repository.raw-fixture.json')[0]!;

/** The recorded release object (`v1.0.0`, "Version 1.0.0", "Initial release"). */
export function recordedRelease(): Record<string, unknown> {
  return structuredClone(releaseInteraction().response) as Record<string, unknown>;
}

/** The recorded owner/repo of that release. */
export const RELEASE_REPO = 'octokit-fixture-org/tmp-scenario-release-assets-20220719044014639-1reww';

/** A release derived from the recorded one: another id, tag, name, body, flags, date. */
export function release(over: {
  id: number;
  tag: string;
  name?: string | null;
  body?: string | null;
  prerelease?: boolean;
  draft?: boolean;
  publishedAt?: string;
}): Record<string, unknown> {
  const r = recordedRelease();
  const base = String(r['html_url']).replace(/\/releases\/tag\/.*$/, '');
  return {
    ...r,
    id: over.id,
    node_id: `RE_${over.id}`,
    tag_name: over.tag,
    name: over.name === undefined ? over.tag : over.name,
    body: over.body === undefined ? `Release ${over.tag}` : over.body,
    prerelease: over.prerelease ?? false,
    draft: over.draft ?? false,
    created_at: over.publishedAt ?? r['created_at'],
    published_at: over.publishedAt ?? r['published_at'],
    html_url: `${base}/releases/tag/${over.tag}`,
    url: String(r['url']).replace(/\d+$/, String(over.id)),
  };
}

/** A repository of an org, derived from the recorded hello-world repository. */
export function orgRepo(org: string, name: string, createdAt: string, description: string | null = null): Record<string, unknown> {
  const r = structuredClone(repoInteraction().response) as Record<string, unknown>;
  return { ...r, name, full_name: `${org}/${name}`, html_url: `https://github.com/${org}/${name}`, created_at: createdAt, description };
}

export interface GhLicense {
  spdx: string | null;
  key: string;
  name: string;
  text: string;
}

export class GhWorld {
  releases: Record<string, unknown>[] = [];
  license: GhLicense | null = null;
  orgRepos: Record<string, unknown>[] = [];
  failWith: number | null = null;
  /** Releases answer 200 with this raw body (schema scenarios). */
  rawReleases: string | null = null;
  constructor(
    readonly repo: string,
    readonly org?: string,
  ) {}
}

export const MIT_TEXT = `MIT License

Copyright (c) 2022 Octokit fixture org

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:
`;

/** Installs GitHub's routes on `world`, answering from `gh` at request time. */
export function routeGh(world: ReplayWorld, gh: GhWorld): void {
  const headers = headersOf(releaseInteraction());
  const path = (url: string) => new URL(url, 'http://x').pathname;
  const failing = (): ReplayResponse | null =>
    gh.failWith
      ? { status: gh.failWith, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"message":"Server Error"}' }
      : null;

  world.route(
    'GET',
    (url) => path(url) === `/repos/${gh.repo}/releases`,
    (req) => {
      const q = new URL(req.url, world.url).searchParams;
      if (q.get('per_page') !== '100') {
        world.unexpected.push(req);
        return { status: 599, body: 'gh-world: releases without per_page=100' };
      }
      if (gh.rawReleases !== null)
        return { status: 200, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' }, body: gh.rawReleases };
      return failing() ?? ghConditional(req, headers, JSON.stringify(gh.releases));
    },
  );

  world.route(
    'GET',
    (url) => path(url) === `/repos/${gh.repo}/license`,
    (req) => {
      const fail = failing();
      if (fail) return fail;
      if (!gh.license) {
        return {
          status: 404,
          headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
          body: '{"message":"Not Found","documentation_url":"https://docs.github.com/rest/licenses/licenses#get-the-license-for-a-repository","status":"404"}',
        };
      }
      return ghConditional(req, headers, ghLicenseBody(gh.repo, gh.license));
    },
  );

  if (gh.org) {
    world.route(
      'GET',
      (url) => path(url) === `/orgs/${gh.org}/repos`,
      (req) => {
        const q = new URL(req.url, world.url).searchParams;
        if (q.get('sort') !== 'created' || q.get('per_page') !== '100') {
          world.unexpected.push(req);
          return { status: 599, body: 'gh-world: org repos not sorted by creation' };
        }
        return failing() ?? ghConditional(req, headers, JSON.stringify(gh.orgRepos));
      },
    );
  }
}

/** The recorded repository with its recorded release and an MIT licence. */
export function releaseRepoWorld(): GhWorld {
  const gh = new GhWorld(RELEASE_REPO);
  gh.releases = [recordedRelease()];
  gh.license = { spdx: 'MIT', key: 'mit', name: 'MIT License', text: MIT_TEXT };
  return gh;
}
