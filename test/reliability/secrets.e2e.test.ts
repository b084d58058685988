// Secrets: with a Hugging Face token, a GitHub token, an SMTP password, a webhook secret and a
// Slack webhook URL set, a full scenario of the built `modelwatch` CLI (child processes) — polls
// with changes and failures, servers that echo the Authorization header and the URL into their
// error bodies, alert dispatch to Slack, email and the webhook (each answering its first message
// with an error that echoes what it received), the alert and source listings, the weekly digest —
// must leave none of them in stdout, stderr, the alerts received, the digest, or the database
// file (with its -wal and -shm). The tokens must still have been sent where they belong.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { startSmtp, type SmtpSink } from '../helpers/smtp.js';
import { tmpDir } from '../helpers/tmp.js';
import { createFaultServer, type FaultServer } from './fault-server.js';
import {
  MIT,
  emptyState,
  labFeed,
  labPost,
  labRelease,
  labRepo,
  recordedMetaLlama,
  routeApi,
  routeSite,
  type LabState,
} from './lab-world.js';

const HF_TOKEN = 'hf_SECRETtokenQ7xVb3Nk2Lp9Wd4Rt6Yz';
const GITHUB_TOKEN = 'ghp_SECRETgh5Hs8Kd1Mv7Nq2Xc4Bz6Lw0Pt';
// Characters that URL encoding changes, so the encoded form differs from the plain one.
const SMTP_PASSWORD = 'SECRETpass/Zk8+Vr2@Qm5!';
const WEBHOOK_SECRET = 'SECRETwebhookT3nW8yC1dF6gJ0kH';
const SLACK_TOKEN = 'SECRETslackR4mX9pB2vN7qL';
const HOOK_TOKEN = 'SECREThookE5sD8fG1hJ4kL';

const SECRETS: Record<string, string> = {
  HF_TOKEN,
  GITHUB_TOKEN,
  'the SMTP password': SMTP_PASSWORD,
  MODELWATCH_WEBHOOK_SECRET: WEBHOOK_SECRET,
  'the Slack webhook token': SLACK_TOKEN,
  'the webhook URL token': HOOK_TOKEN,
};

let hub: FaultServer; // HF_ENDPOINT
let gh: FaultServer; // GITHUB_API_URL
let site: FaultServer; // the feed
let slack: Receiver;
let hook: Receiver;
let smtp: SmtpSink;
const state: LabState = emptyState();

const echoOf = (server: FaultServer, req: { url: string; headers: Record<string, unknown> }) =>
  `credentials "${String(req.headers['authorization'])}" rejected for ${server.url}${req.url}`;

beforeAll(async () => {
  const ml = recordedMetaLlama();
  state.hub.authors.set('meta-llama', ml.repos);
  for (const [p, t] of ml.files) state.hub.files.set(p, t);
  state.hub.authors.set('mistral-lab', [labRepo('mistral-lab', 'mistral-lab', 1)]);
  state.gh.repos.set('octo-org/llama-tools', { releases: [labRelease('octo-org/llama-tools', 1)], license: MIT });
  state.feeds.feeds.set('/secrets/feed.xml', labFeed([labPost(1, 'Introducing Llama Lab 1')]));

  [hub, gh, site] = [createFaultServer(), createFaultServer(), createFaultServer()];
  await Promise.all([hub.up(), gh.up(), site.up()]);
  routeApi(hub, () => state);
  routeApi(gh, () => state);
  routeSite(site, () => state);
  // Hostile error answers: the request's Authorization header and URL, echoed back.
  hub.fault = (req) => {
    const u = new URL(req.url, hub.url);
    if (u.pathname !== '/api/models' || u.searchParams.get('author') !== 'echo-lab') return null;
    const echo = echoOf(hub, req);
    return {
      respond: {
        status: 401,
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-error-code': 'RepoNotFound', 'x-error-message': echo },
        body: JSON.stringify({ error: echo }),
      },
    };
  };
  gh.fault = (req) => {
    if (!new URL(req.url, gh.url).pathname.startsWith('/repos/echo-org/private/')) return null;
    return {
      respond: {
        status: 401,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ message: echoOf(gh, req), documentation_url: 'https://docs.github.com/rest' }),
      },
    };
  };

  slack = await startReceiver(`/services/T000/B000/${SLACK_TOKEN}`);
  hook = await startReceiver(`/hooks/${HOOK_TOKEN}`);
  // Slack refuses its first message for good (a 4xx: the answer is quoted in the error), the
  // webhook asks for a retry (a 5xx).
  const echo = (status: number) => (r: { url: string; headers: unknown }) => ({
    status,
    headers: { 'content-type': 'text/plain' },
    body: `refused ${r.url} with ${JSON.stringify(r.headers)}`,
  });
  slack.next(echo(400));
  hook.next(echo(500));
  smtp = await startSmtp({ user: 'modelwatch', password: SMTP_PASSWORD });
  smtp.failNext('data', 451, `4.3.0 try again later (you are modelwatch:${SMTP_PASSWORD})`);
});
afterAll(async () => {
  await Promise.all([hub?.close(), gh?.close(), site?.close(), slack?.close(), hook?.close(), smtp?.close()]);
});

function writeFeeds(dir: string): void {
  fs.writeFileSync(
    path.join(dir, 'meta.yaml'),
    `vendor: Meta
lines:
  open: { name: Llama, match: ["llama"] }
sources:
  - huggingface: meta-llama
  - huggingface: echo-lab
  - github: octo-org/llama-tools
  - github: echo-org/private
  - feed: ${site.url}/secrets/feed.xml
    id: meta-news
alerts:
  kinds:
    release.published: { alert: true }
`,
  );
  fs.writeFileSync(
    path.join(dir, 'mistral.yaml'),
    `vendor: Mistral\nlines:\n  open: { name: Mistral, match: ["mistral"] }\nsources:\n  - huggingface: mistral-lab\n`,
  );
}

it('no token, password, webhook secret or webhook URL in logs, errors, alerts, digests or the database', { timeout: 60_000 }, async () => {
  const dir = tmpDir('modelwatch-secrets-');
  const db = path.join(dir, 'modelwatch.db');
  writeFeeds(dir);
  const env = {
    HF_ENDPOINT: hub.url,
    GITHUB_API_URL: gh.url,
    HF_TOKEN,
    GITHUB_TOKEN,
    SMTP_URL: smtp.url,
    MODELWATCH_EMAIL_FROM: 'modelwatch@example.org',
    MODELWATCH_EMAIL_TO: 'team@example.org',
    MODELWATCH_WEBHOOK_URL: hook.url,
    MODELWATCH_WEBHOOK_SECRET: WEBHOOK_SECRET,
    SLACK_WEBHOOK_URL: slack.url,
  };
  const runs: { args: string[]; result: CliResult }[] = [];
  const cli = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const result = await runCli(['--db', db, '--feeds', dir, ...args], { env: { ...env, ...extraEnv } });
    runs.push({ args, result });
    return result;
  };
  expect(smtp.url).toContain(encodeURIComponent(SMTP_PASSWORD));

  // 1. Baseline; the echoing sources fail.
  const first = await cli(['poll', '--json', '--verbose']);
  expect(first.code, first.stderr).toBe(1);
  // 2. The world changes: new repos on both vendors' lines, a release, an announcement.
  state.hub.authors.get('meta-llama')!.push(labRepo('meta-llama', 'llama-lab', 2));
  state.hub.authors.get('mistral-lab')!.push(labRepo('mistral-lab', 'mistral-lab', 2));
  state.gh.repos.get('octo-org/llama-tools')!.releases.push(labRelease('octo-org/llama-tools', 2));
  state.feeds.feeds.get('/secrets/feed.xml')!.items.push(labPost(2, 'Introducing Llama Lab 2'));
  // 3. The alerts go out: each channel's first message fails (with an echo), the next succeeds.
  await cli(['poll', '--verbose']);
  await cli(['poll', '--json']);
  await cli(['dispatch', '--json', '--verbose']);
  // 4. Everything that shows errors and alerts.
  await cli(['sources']);
  await cli(['sources', '--json']);
  await cli(['alerts']);
  await cli(['alerts', '--json']);
  await cli(['events', '--json', '--limit', '0']);
  await cli(['changes', '--json']);
  // 5. The weekly digest of this week: printed, written, sent (the same channels, the same traps).
  const asOf = new Date().toISOString().slice(0, 10);
  const out = path.join(dir, 'digest.html');
  await cli(['digest', '--as-of', asOf]);
  await cli(['digest', '--as-of', asOf, '--format', 'html', '--out', out]);
  await cli(['digest', '--as-of', asOf, '--send', '--send-empty', '--verbose']);
  // 6. A configuration error about the very values: reported without them.
  const bad = await cli(['poll'], {
    SMTP_URL: `smtp://modelwatch:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:99999`,
    MODELWATCH_WEBHOOK_SECRET: 'SECRETwebhook',
  });
  expect(bad.code).toBe(2);

  // The scenario did what it says.
  for (const { args, result } of runs.slice(0, -1))
    expect(result.stderr.includes('TypeError') || result.stderr.includes('    at '), `${args.join(' ')}: ${result.stderr}`).toBe(false);
  const sources = JSON.parse(runs.find((r) => r.args.join(' ') === 'sources --json')!.result.stdout) as {
    id: string;
    lastError: string | null;
  }[];
  expect(sources.find((s) => s.id.includes('echo-lab'))!.lastError).toMatch(/^huggingface: echo-lab: 401 /);
  expect(sources.find((s) => s.id.includes('echo-org/private'))!.lastError).toMatch(/^github: echo-org\/private: 401 /);
  const alerts = JSON.parse(runs.find((r) => r.args.join(' ') === 'alerts --json')!.result.stdout) as {
    channel: string;
    status: string;
    lastError: string | null;
  }[];
  for (const ch of ['slack', 'email', 'webhook']) {
    expect(alerts.filter((a) => a.channel === ch && a.status === 'sent').length, ch).toBeGreaterThan(0);
    expect(alerts.filter((a) => a.channel === ch && a.lastError).length, `${ch}: an error answer was recorded`).toBeGreaterThan(0);
  }
  expect(slack.requests.filter((r) => r.status === 400).length).toBe(1);
  expect(hook.requests.filter((r) => r.status === 500).length).toBe(1);
  expect(slack.requests.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2); // alerts + the digest
  expect(hook.requests.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
  expect(hook.requests.some((r) => r.body.includes('"digest"'))).toBe(true);
  expect(smtp.inbox.length).toBeGreaterThanOrEqual(2);
  expect(smtp.auths.every((a) => a.password === SMTP_PASSWORD)).toBe(true);
  expect(fs.existsSync(out)).toBe(true);

  // The tokens were really in use — each only on its own API.
  const auth = (s: FaultServer) => new Set(s.requests.map((r) => String(r.headers['authorization'])));
  expect([...auth(hub)]).toEqual([`Bearer ${HF_TOKEN}`]);
  expect([...auth(gh)]).toEqual([`Bearer ${GITHUB_TOKEN}`]);
  expect([...auth(site)]).toEqual(['undefined']);
  expect(hub.faulted.length).toBeGreaterThan(0);
  expect(gh.faulted.length).toBeGreaterThan(0);

  // Nowhere a secret, in any form.
  const haystacks: [string, Buffer][] = [];
  for (const { args, result } of runs) {
    haystacks.push(
      [`stdout of modelwatch ${args.join(' ')}`, Buffer.from(result.stdout)],
      [`stderr of modelwatch ${args.join(' ')}`, Buffer.from(result.stderr)],
    );
  }
  for (const r of slack.requests) haystacks.push([`Slack message ${r.body.slice(0, 40)}`, Buffer.from(r.body + JSON.stringify(r.headers))]);
  for (const r of hook.requests)
    haystacks.push([`webhook message ${r.body.slice(0, 40)}`, Buffer.from(r.body + JSON.stringify(r.headers))]);
  for (const m of smtp.inbox) haystacks.push([`email ${m.raw.slice(0, 40)}`, Buffer.from(m.raw)]);
  haystacks.push(['the digest file', fs.readFileSync(out)]);
  for (const suffix of ['', '-wal', '-shm'])
    if (fs.existsSync(db + suffix)) haystacks.push([`the database file${suffix}`, fs.readFileSync(db + suffix)]);
  expect(haystacks.some(([name]) => name === 'the database file')).toBe(true);

  const leaks: string[] = [];
  for (const [name, secret] of Object.entries(SECRETS)) {
    const forms = new Set([secret, encodeURIComponent(secret), encodeURI(secret), Buffer.from(secret).toString('base64')]);
    for (const form of forms) {
      for (const [where, bytes] of haystacks)
        if (bytes.includes(Buffer.from(form))) leaks.push(`${name} (${form === secret ? 'as is' : form}) in ${where}`);
    }
  }
  expect(leaks).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});
