import { describe, expect, it } from 'vitest';
import { createConsoleChannel } from '../../src/notify/console.js';
import { batchOf, channelContract } from './contract.js';
import { HOSTILE_MODEL, HOSTILE_TITLE, stored } from './fixtures.js';
import { NOW } from './http-channels.js';

function sink() {
  const writes: string[] = [];
  return { writes, out: { write: (s: string) => writes.push(s) } };
}

channelContract(
  'console',
  async () => {
    const s = sink();
    return {
      channel: createConsoleChannel({ out: s.out }),
      now: NOW,
      delivered: () => s.writes,
      assertInert(text) {
        // One line per alert, no control characters (no terminal escapes, no forged lines).
        expect(text.split('\n').filter(Boolean)).toHaveLength(2);
        expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f]/);
        expect(text).toContain(HOSTILE_MODEL);
        expect(text).toContain(HOSTILE_TITLE);
      },
      secrets: [],
      close: async () => {},
    };
  },
  { canFail: false },
);

describe('console channel', () => {
  it('prints one readable line per alert', async () => {
    const s = sink();
    await createConsoleChannel({ out: s.out }).send(
      batchOf([
        stored(1),
        stored(2, { kind: 'model.license_changed', data: { name: 'Llama-3.1-8B', from: 'llama3.1', to: 'other' }, severity: 'warning' }),
      ]),
    );
    expect(s.writes.join('')).toBe(
      '2026-04-08 Meta [notice] Muse Spark released (proprietary, API) https://ai.meta.com/blog/introducing-muse-spark/\n' +
        '2026-04-08 Meta [warning] Llama-3.1-8B: licence llama3.1 → other https://ai.meta.com/blog/introducing-muse-spark/\n',
    );
  });

  it('strips terminal escapes from vendor text', async () => {
    const s = sink();
    await createConsoleChannel({ out: s.out }).send(batchOf([stored(1, { data: { name: 'Evil\u001b[2J\rModel', line: 'open' } })]));
    expect(s.writes[0]).toBe('2026-04-08 Meta [notice] Evil [2J Model released (open) https://ai.meta.com/blog/introducing-muse-spark/\n');
  });
});
