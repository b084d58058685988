import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.js';
import { UsageError } from '../../src/errors.js';
import { CHANNEL_FACTORIES, createChannels, type ChannelDeps } from '../../src/notify/channels.js';
import { edge, NOW } from './http-channels.js';

/** The channels the environment configures: its channel settings as the config reads them
 *  (config/channels.ts), built by the registry. The config's own start-up problems are ignored. */
const channelsFromEnv = (env: NodeJS.ProcessEnv, d: ChannelDeps) => createChannels(readEnv(env, []).channels, d);

const deps = { http: edge(), now: () => NOW };
const NOTIFY = fileURLToPath(new URL('../../src/notify/', import.meta.url));
/** Files of src/notify that are not channels. */
const INFRASTRUCTURE = new Set(['channel.ts', 'channels.ts', 'dispatch.ts', 'rules.ts', 'http-post.ts']);

describe('channel registry', () => {
  it('lists every channel file of src/notify, once', async () => {
    const files = fs.readdirSync(NOTIFY).filter((f) => f.endsWith('.ts') && !INFRASTRUCTURE.has(f));
    const names = CHANNEL_FACTORIES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...names].sort());
    // Each file exports the name constant the registry uses.
    for (const f of files) {
      const mod = (await import(`../../src/notify/${f.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
      expect(Object.entries(mod).some(([k, v]) => k.endsWith('_CHANNEL') && v === f.replace(/\.ts$/, ''))).toBe(true);
    }
  });

  it('falls back to the console when nothing is configured', () => {
    expect([...channelsFromEnv({}, deps).keys()]).toEqual(['console']);
  });

  it('builds every configured channel', () => {
    const channels = channelsFromEnv(
      {
        SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x',
        SMTP_URL: 'smtp://u:p@127.0.0.1:2525',
        MODELWATCH_EMAIL_FROM: 'modelwatch@example.org',
        MODELWATCH_EMAIL_TO: 'a@example.org, b@example.org',
        MODELWATCH_WEBHOOK_URL: 'https://example.org/hook',
        MODELWATCH_WEBHOOK_SECRET: '0123456789abcdef',
        MODELWATCH_CONSOLE: '1',
      },
      deps,
    );
    expect([...channels.keys()]).toEqual(['slack', 'email', 'webhook', 'console']);
    for (const c of channels.values()) c.close?.();
  });

  it('reports every problem at once, without echoing secret URLs', () => {
    let err: unknown;
    try {
      channelsFromEnv(
        {
          SLACK_WEBHOOK_URL: 'hooks.slack.com/services/T0/B0/s3cr3t',
          SMTP_URL: 'smtp://u:p@127.0.0.1:2525',
          MODELWATCH_WEBHOOK_URL: 'https://example.org/hook',
          MODELWATCH_WEBHOOK_SECRET: 'short',
        },
        deps,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const lines = (err as Error).message.split('\n');
    expect(lines).toEqual([
      'notify: SLACK_WEBHOOK_URL is not an http(s) URL',
      'notify: MODELWATCH_EMAIL_FROM is required when SMTP_URL is set',
      'notify: MODELWATCH_EMAIL_TO (comma-separated addresses) is required when SMTP_URL is set',
      'notify: MODELWATCH_WEBHOOK_SECRET (at least 16 characters) is required when MODELWATCH_WEBHOOK_URL is set',
    ]);
    expect((err as Error).message).not.toContain('s3cr3t');
  });
});
