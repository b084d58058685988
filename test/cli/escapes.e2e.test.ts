// Terminal escapes in data never reach the terminal (issue #13 finding 9, done in #14): a post
// title carrying a colour (ESC [31m) and a window-title sequence (ESC ]0;pwned BEL) is stored as
// the web served it; `events`, `events --csv` and `search` print it stripped through the built
// CLI, and `--json` keeps every character, escaped.
import { beforeAll, describe, expect, it } from 'vitest';
import { insertEvents } from '../../src/store/events.js';
import { runCli } from '../helpers/cli.js';
import { tmpDb } from '../helpers/tmp.js';
import { asEvent } from '../helpers/events.js';

const TITLE = 'Introducing \u001b[31mRedModel\u001b[0m \u001b]0;pwned\u0007now\u009b2J\r';
let file: string;

beforeAll(() => {
  const t = tmpDb();
  file = t.file;
  t.db.transaction(() =>
    insertEvents(
      t.db,
      [
        asEvent({
          dedupKey: 'post:test:1',
          kind: 'post.new',
          vendorId: 'acme',
          modelId: null,
          sourceId: 'acme-blog',
          occurredAt: '2026-05-01T10:00:00.000Z',
          seenAt: '2026-05-01T10:05:00.000Z',
          severity: 'info',
          baseline: false,
          summary: `New post: ${TITLE}`,
          data: { title: TITLE, link: 'https://acme.example/post' },
          evidence: [],
        }),
      ],
      () => [],
      '2026-05-01T10:05:00.000Z',
    ),
  )();
  t.db.close();
});
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const cli = (args: string[]) => runCli([...args, '--db', file], { env: { MODELWATCH_NOW: '2026-05-02T00:00:00Z' } });

describe('control characters in data', () => {
  for (const args of [['events'], ['events', '--csv'], ['search', 'RedModel'], ['events', '--wide']]) {
    it(`${args.join(' ')} prints the title without escapes`, async () => {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('RedModel');
      expect(r.stdout).toContain('now');
      // CSV rows end in CRLF (RFC 4180); nothing else of the kind is left.
      expect(r.stdout.replace(/\r\n/g, '\n')).not.toMatch(CONTROL);
      expect(r.stdout).not.toContain('pwned\u0007');
      // The CSV's `data` cell is the event's JSON, where the sequence survives only escaped (inert).
      if (args.includes('--csv')) expect(r.stdout).toContain('\\u001b]0;pwned\\u0007');
      else expect(r.stdout).not.toContain(']0;');
    });
  }

  it('--json keeps the title whole, every control character escaped', async () => {
    const r = await cli(['events', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n/g, '')).not.toMatch(CONTROL);
    const rows = JSON.parse(r.stdout) as { data: { title: string } }[];
    expect(rows[0].data.title).toBe(TITLE);
    expect(r.stdout).toContain('\\u001b]0;pwned\\u0007');
    expect(r.stdout).toContain('\\u009b2J');
  });
});
