import { afterEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/events/index.js';
import { ChannelError } from '../../src/notify/channel.js';
import { renderSlackAlert, fitMrkdwn, SLACK_LIMITS } from '../../src/notify/render/slack.js';
import { createSlackChannel } from '../../src/notify/slack.js';
import { slack, startReceiver, type Receiver } from '../helpers/receiver.js';
import { batchOf, channelContract } from './contract.js';
import { HOSTILE_MODEL, HOSTILE_TITLE, stored } from './fixtures.js';
import { edge, NOW, stringsOf } from './http-channels.js';

const HOOK_PATH = '/services/T0000/B0000/s3cr3tHookToken';

/** Slack's own reading of mrkdwn: a control sequence is `<` ... `>`; after escaping, the only
 *  ones left must be our links to http(s) URLs. */
function controlSequences(text: string): string[] {
  return text.match(/<[^>]*>/g) ?? [];
}

function assertSlackInert(body: string): void {
  const payload = JSON.parse(body) as { text: string; blocks: unknown[] };
  const texts = stringsOf(payload);
  for (const t of texts) {
    for (const seq of controlSequences(t)) {
      expect(seq, `unexpected control sequence in ${JSON.stringify(t)}`).toMatch(/^<https?:\/\/[^|<>\s]+\|[^<>]*>$/);
      // The target is everything up to the first `|`: never the hostile one.
      const target = seq.slice(1, seq.indexOf('|'));
      expect(new URL(target).hostname).not.toBe('evil');
      expect(target).not.toContain('<!');
    }
    expect(t).not.toMatch(/<!(channel|here|everyone)/);
    expect(t).not.toContain('javascript:');
    expect(t).not.toMatch(/<script/i);
  }
  const all = texts.join('\n');
  expect(all).toContain('&lt;!channel&gt; &lt;https://evil|click&gt;');
  expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
}

channelContract('slack', async () => {
  const r = await startReceiver(HOOK_PATH);
  r.always(slack.ok);
  const ok = () => r.requests.filter((_, i) => answers[i] === 'ok').map((q) => q.body);
  const answers: string[] = [];
  // Track which requests were answered ok, in arrival order.
  const script = (name: string, a: typeof slack.ok | ReturnType<typeof slack.rateLimited>) => r.next(() => (answers.push(name), a));
  r.always(() => (answers.push('ok'), slack.ok));
  return {
    channel: createSlackChannel({ webhookUrl: r.url, http: edge(), now: () => NOW }),
    now: NOW,
    delivered: ok,
    failures: {
      transient: () => script('500', slack.serverError),
      rateLimited: (s) => script('429', slack.rateLimited(s)),
      permanent: () => script('400', slack.invalidPayload),
      permanentAnswer: '400 invalid_payload',
      retryAfter: true,
    },
    assertInert: assertSlackInert,
    secrets: ['s3cr3tHookToken', HOOK_PATH],
    close: async () => {
      r.assertClean();
      await r.close();
    },
  };
});

describe('slack channel', () => {
  let r: Receiver | undefined;
  afterEach(async () => {
    r?.assertClean();
    await r?.close();
    r = undefined;
  });

  it('posts Block Kit blocks with a text fallback, unfurling off', async () => {
    r = await startReceiver(HOOK_PATH);
    r.always(slack.ok);
    await createSlackChannel({ webhookUrl: r.url, http: edge(), now: () => NOW }).send(batchOf());
    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(req.body);
    expect(body.text).toBe('Meta: Muse Spark released (proprietary, API)');
    expect(body.unfurl_links).toBe(false);
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Meta: Muse Spark released (proprietary, API)' } });
    expect(body.blocks[1].text.text).toContain(
      '*<https://ai.meta.com/blog/introducing-muse-spark/|Muse Spark released (proprietary, API)>*',
    );
  });

  it('treats channel_not_found (404) as permanent and keeps the answer', async () => {
    r = await startReceiver(HOOK_PATH);
    r.next(slack.channelNotFound);
    const err = await createSlackChannel({ webhookUrl: r.url, http: edge(), now: () => NOW })
      .send(batchOf())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).transient).toBe(false);
    expect((err as ChannelError).message).toBe('slack: 404 channel_not_found');
  });

  it('keeps the webhook URL out of network errors', async () => {
    r = await startReceiver(HOOK_PATH);
    const url = r.url;
    await r.close();
    r = undefined;
    const err = (await createSlackChannel({ webhookUrl: url, http: edge(), now: () => NOW })
      .send(batchOf())
      .catch((e: unknown) => e)) as ChannelError;
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(/^slack: /);
    expect(`${err.message} ${err.stack} ${String(err.cause)}`).not.toContain('s3cr3tHookToken');
  });
});

describe('slack rendering limits', () => {
  it('keeps at most 50 blocks and says how many changes were left out', () => {
    const events: StoredEvent[] = Array.from({ length: 80 }, (_, i) => stored(i + 1, { data: { name: `Model ${i + 1}`, line: 'open' } }));
    const msg = renderSlackAlert(batchOf(events));
    expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const last = msg.blocks.at(-1)!;
    expect(last.type).toBe('context');
    expect(JSON.stringify(last)).toContain(`and ${80 - (SLACK_LIMITS.blocks - 2)} more changes`);
    expect(msg.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it('truncates a section over 3,000 characters with a link to the rest, never inside an entity', () => {
    const long = '<&>'.repeat(2000);
    const msg = renderSlackAlert(batchOf([stored(1, { summary: long })]));
    const section = msg.blocks[1] as { text: { text: string } };
    expect(section.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(section.text.text).toMatch(/… \(truncated, <https:\/\/ai\.meta\.com\/blog\/introducing-muse-spark\/\|read more>\)$/);
    // Every & starts a whole entity.
    expect(section.text.text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    expect(section.text.text).not.toContain('<&');
  });

  it('never cuts a link sequence in half', () => {
    const text = 'x'.repeat(2980) + '<https://example.com/a|label>';
    const cut = fitMrkdwn(text, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).not.toContain('<https://example.com/a');
  });

  it('renders hostile names inert in header, sections and fallback', () => {
    const msg = renderSlackAlert(batchOf([stored(1, { data: { name: HOSTILE_MODEL, line: 'open' }, summary: HOSTILE_TITLE })]));
    assertSlackInert(JSON.stringify(msg));
    expect((msg.blocks[0] as { text: { text: string } }).text.text).toBe(
      'Meta: &lt;!channel&gt; &lt;https://evil|click&gt; released (open)',
    );
  });
});
