import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { UsageError } from '../../src/errors.js';
import { tmpDir } from '../helpers/tmp.js';

function feeds(files: Record<string, string>): string {
  const dir = tmpDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const META = `
vendor: Meta
lines:
  open:        { name: Llama, match: ["llama"] }
  proprietary: { name: Muse,  match: ["\\\\bmuse\\\\b"] }
sources:
  - huggingface: meta-llama
  - github: meta-llama/llama-models
    prereleases: false
  - feed: https://example.com/news/rss.xml
    interval: 2h
  - page: https://ai.meta.com/blog/
    select: { item: "div", title: "h2", link: "a", date: "time" }
`;

describe('config', () => {
  it('loads the shipped feeds/ folder without a problem', () => {
    const cfg = loadConfig({ env: {}, feeds: 'feeds' });
    expect(cfg.vendors.map((v) => v.id)).toEqual(
      expect.arrayContaining(['meta', 'google', 'microsoft', 'mistral', 'alibaba', 'deepseek', 'openai', 'anthropic', 'nvidia', 'xai']),
    );
    expect(cfg.vendors.find((v) => v.id === 'meta')!.lines.proprietary!.name).toBe('Muse');
  });

  it('parses the contract shape of a vendor file with defaults in one place', () => {
    const cfg = loadConfig({ env: {}, feeds: feeds({ 'meta.yaml': META }) });
    const [meta] = cfg.vendors;
    expect(meta.id).toBe('meta');
    expect(meta.name).toBe('Meta');
    expect(meta.sources.map((s) => [s.id, s.kind, s.intervalSec])).toEqual([
      ['hf:meta-llama', 'huggingface', 900],
      ['gh:meta-llama/llama-models', 'github', 1800],
      ['feed:https://example.com/news/rss.xml', 'feed', 7200],
      ['page:https://ai.meta.com/blog/', 'page', 3600],
    ]);
    expect(meta.sources[1].skipPrereleases).toBe(true);
    expect(meta.thresholds.streak).toBe(2);
    expect(meta.thresholds.recencyBandsDays).toEqual([90, 180, 365]);
    expect(Object.isFrozen(cfg.vendors[0])).toBe(true);
  });

  it('reports every problem at once, with file and path', () => {
    const dir = feeds({
      'meta.yaml': META.replace('https://example.com/news/rss.xml', 'not a url').replace('"llama"', '"llama("'),
      'google.yaml': 'vendor: Google\nlines: {}\nsources:\n  - gitlab: x\n',
      'bad.yaml': 'vendor: [unclosed\n',
    });
    let err: unknown;
    try {
      loadConfig({ env: {}, feeds: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const msg = (err as Error).message;
    expect(msg).toContain(`${path.join(dir, 'meta.yaml')}:10: sources[2].feed: invalid URL`);
    expect(msg).toContain(`${path.join(dir, 'meta.yaml')}:4: lines.open.match[0]: invalid regular expression`);
    expect(msg).toContain(`${path.join(dir, 'google.yaml')}:4: sources[0]: expected one of huggingface, github, feed or page`);
    expect(msg).toContain(`${path.join(dir, 'bad.yaml')}:2:1: YAML:`);
    expect(msg).toMatch(/^config: 4 problems:/);
  });

  it('reports a value of the wrong type or format against the key the user wrote, with its line (issue 14)', () => {
    const dir = feeds({
      'meta.yaml': [
        'vendor: Meta',
        'lines: {}',
        'sources:',
        '  - feed: https://example.com/rss.xml',
        '    interval: 5 minutes',
        '  - huggingface: meta-llama',
        '    reconcile_every: 2 days',
        '  - github: meta-llama/llama-models',
        '    prereleases: "no"',
        '    colour: blue',
        'thresholds:',
        '  streak: two',
        '',
      ].join('\n'),
    });
    let msg = '';
    try {
      loadConfig({ env: {}, feeds: dir });
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      msg = (e as Error).message;
    }
    const file = path.join(dir, 'meta.yaml');
    expect(
      msg
        .split('\n')
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      `${file}:5: sources[0].interval: expected a duration like 30s, 15m, 1h or 1d, or a number of seconds (got "5 minutes")`,
      `${file}:7: sources[1].reconcile_every: expected a duration like 30s, 15m, 1h or 1d, or a number of seconds (got "2 days")`,
      `${file}:9: sources[2].prereleases: Invalid input: expected boolean, received string`,
      `${file}:10: sources[2]: unknown key colour`,
      `${file}:12: thresholds.streak: Invalid input: expected number, received string`,
    ]);
    expect(msg).not.toContain('expected one of');
    expect(msg).toMatch(/^config: 5 problems:/);
  });

  it('rejects duplicate source ids across vendors', () => {
    const dir = feeds({
      'a.yaml': 'vendor: A\nlines: {}\nsources:\n  - huggingface: x\n',
      'b.yaml': 'vendor: B\nlines: {}\nsources:\n  - huggingface: x\n',
    });
    expect(() => loadConfig({ env: {}, feeds: dir })).toThrow(/source id "hf:x" is also used/);
  });

  it('reads the environment contract and never echoes a secret in a problem', () => {
    const cfg = loadConfig({
      env: {
        HF_ENDPOINT: 'http://127.0.0.1:9/',
        HF_TOKEN: 'hf_secret',
        GITHUB_API_URL: 'http://127.0.0.1:8',
        SMTP_URL: 'smtp://u:p%40ss@127.0.0.1:25',
        MODELWATCH_EMAIL_FROM: 'mw@example.com',
        MODELWATCH_EMAIL_TO: 'a@example.com, b@example.com',
        MODELWATCH_TZ: 'Europe/Berlin',
      },
      withoutFeeds: true,
    });
    expect(cfg.env.hfEndpoint).toBe('http://127.0.0.1:9');
    expect(cfg.env.channels.email?.to).toEqual(['a@example.com', 'b@example.com']);
    expect(cfg.secrets).toEqual(expect.arrayContaining(['hf_secret', 'p@ss']));
    expect(cfg.dbPath).toBe('./data/modelwatch.db');

    const secretUrl = 'notaurl/T000/B000/XXXXsecret';
    let msg = '';
    try {
      loadConfig({ env: { SLACK_WEBHOOK_URL: secretUrl, MODELWATCH_TZ: 'Mars/Olympus' }, withoutFeeds: true });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('env SLACK_WEBHOOK_URL: invalid URL');
    expect(msg).toContain('env MODELWATCH_TZ: unknown time zone');
    expect(msg).not.toContain('XXXXsecret');
  });
});
