// `modelwatch explain-post`: the launch reader's decision and trace for one post, in process
// (main() with captured streams) against the shipped feeds/.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { Io } from '../../src/commands/io.js';

const FEEDS = fileURLToPath(new URL('../../feeds', import.meta.url));

function io(): Io & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: { write: (s: string) => ((o.out += s), true) } as unknown as Io['stdout'],
    stderr: { write: (s: string) => ((o.err += s), true) } as unknown as Io['stderr'],
    env: {},
  });
}

describe('modelwatch explain-post', () => {
  it('names the models and the rule that decided', async () => {
    const x = io();
    expect(await main(['explain-post', 'Introducing Claude Opus 4.5', '--vendor', 'anthropic', '--feeds', FEEDS], x)).toBe(0);
    expect(x.out).toContain('anthropic: launch (rule verb-first, in the title)');
    expect(x.out).toContain('model: Claude Opus 4.5 → anthropic/claude-opus-4-5 (proprietary line;');
    expect(x.out).toContain('verb-first "Introducing" → "Claude Opus 4.5"');
  });

  it('says why a product named after a family is not a model, and reads the lead with --lead', async () => {
    const x = io();
    await main(['explain-post', 'Introducing the Claude Team plan', '--vendor', 'anthropic', '--feeds', FEEDS], x);
    expect(x.out).toContain('anthropic: not a launch');
    expect(x.out).toMatch(/product word team/);
    const y = io();
    await main(
      [
        'explain-post',
        'A new era of intelligence with Gemini 3',
        '--lead',
        'Today we’re releasing Gemini 3 Pro in the Gemini API.',
        '--feeds',
        FEEDS,
        '--json',
      ],
      y,
    );
    const out = JSON.parse(y.out) as { vendor: string; decision: string; rule: string; models: { id: string }[]; access: string }[];
    expect(out).toEqual([
      expect.objectContaining({
        vendor: 'google',
        decision: 'launch',
        rule: 'verb-first',
        models: [expect.objectContaining({ id: 'google/gemini-3-pro' })],
        access: 'api',
      }),
    ]);
  });

  it('an availability is reported as such; an unknown vendor is a usage error (exit 2)', async () => {
    const x = io();
    await main(['explain-post', 'Claude is now available in Europe', '--feeds', FEEDS], x);
    expect(x.out).toContain('anthropic: not a launch');
    expect(x.out).toContain('available: Claude in Europe (the bare family: no model)');
    const y = io();
    expect(await main(['explain-post', 'x', '--vendor', 'nope', '--feeds', FEEDS], y)).toBe(2);
    expect(y.err).toMatch(/no vendor "nope"/);
  });
});
