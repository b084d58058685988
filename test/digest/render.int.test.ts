import { afterEach, describe, expect, it } from 'vitest';
import { collectDigestData } from '../../src/digest/data.js';
import {
  renderDigest,
  renderDigestHtml,
  renderDigestMarkdown,
  renderDigestSlack,
  renderDigestText,
} from '../../src/digest/render/index.js';
import { escapeMd } from '../../src/digest/render/markdown.js';
import { textTable, wrap } from '../../src/digest/render/format.js';
import { digestSubject } from '../../src/digest/summary.js';
import type { DigestData } from '../../src/digest/types.js';
import type { Db } from '../../src/store/db.js';
import { SLACK_LIMITS } from '../../src/notify/render/slack.js';
import { HOSTILE_MODEL, HOSTILE_TITLE } from '../notify/fixtures.js';
import { stringsOf } from '../notify/http-channels.js';
import { buildWorld, TZ, VENDORS, W15 } from './world.js';

let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

function data(hostile = false): DigestData {
  db = buildWorld({ hostile }).db;
  return collectDigestData(db, { weekStart: W15.start, weekEnd: W15.end, tz: TZ, vendors: VENDORS });
}

const width = (l: string) => [...l].length;

describe('plain-text digest', () => {
  it('keeps every line within 80 columns, even with long and hostile names', () => {
    for (const hostile of [false, true]) {
      const text = renderDigestText(data(hostile));
      db!.close();
      db = undefined;
      const long = text.split('\n').filter((l) => width(l) > 80);
      expect(long).toEqual([]);
      expect(text.split('\n').every((l) => l === l.trimEnd())).toBe(true);
    }
  });

  it('reads well: sections, tables and the chart', () => {
    const text = renderDigestText(data());
    expect(
      text.startsWith('modelwatch weekly digest 2026-W15\n6 Apr 2026 09:00 – 13 Apr 2026 09:00 (Europe/Paris)\n\nTHE GAP THIS WEEK\n'),
    ).toBe(true);
    // The gap first, one sentence per vendor, then the counts.
    expect(text.indexOf('\n  Meta: open line 368 days behind its proprietary line')).toBeGreaterThan(0);
    expect(text.indexOf('\n  Meta: open line')).toBeLessThan(
      text.indexOf('\n2 releases, 1 licence change, 1 gating change, 1 other change\n'),
    );
    for (const s of [
      'RELEASES',
      'LICENCE CHANGES',
      'GATING CHANGES',
      'VENDOR STRATEGY',
      'GAP: OPEN VS PROPRIETARY LINE',
      'M1 OVER 12 WEEKS (2026-W04 TO 2026-W15)',
      'SOURCE HEALTH',
      'DECISION DEADLINES',
    ]) {
      expect(text).toContain(`\n${s}\n`);
    }
    expect(text).toContain('  2026-04-08  Muse Spark  proprietary  2 API  –        1\n');
    expect(text).toContain(
      '\nMeta       proprietary, was open   llama4      open line stalled, last   medium\n                                               open release 373 days\n                                               ago\n',
    );
    expect(text).toContain('\nMeta       368      300      1       0%         widening ▲\n');
    expect(text).toContain('\n  Meta       ▇▇▇▇▇▇▇▇▇▇▇█  368 days\n');
    expect(text).toContain('  meta: decide by 2026-07-01 (79 days left): Llama or Gemma for on-prem?\n');
  });

  it('wraps table cells instead of overflowing', () => {
    const lines = textTable(['a', 'b'], [['x'.repeat(50), 'one two three four five six seven eight nine ten eleven twelve']], 40);
    expect(lines.every((l) => width(l) <= 40)).toBe(true);
    expect(lines.length).toBeGreaterThan(3);
    expect(wrap('word '.repeat(30), 20, '  ').every((l) => width(l) <= 20)).toBe(true);
  });
});

describe('HTML digest', () => {
  it('escapes every vendor value and uses no SVG, scripts or style blocks', () => {
    const html = renderDigestHtml(data(true));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<svg|<style|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;!channel&gt; &lt;https://evil|click&gt;');
    const tags = new Set((html.match(/<\/?([a-z0-9]+)/gi) ?? []).map((t) => t.replace(/[</]/g, '').toLowerCase()));
    expect([...tags].sort()).toEqual([
      'a',
      'body',
      'h1',
      'h2',
      'head',
      'html',
      'li',
      'meta',
      'p',
      'span',
      'strong',
      'table',
      'td',
      'th',
      'title',
      'tr',
      'ul',
    ]);
  });

  it('draws M1 as table-cell bars scaled to the largest value', () => {
    const html = renderDigestHtml(data());
    const bars = [...html.matchAll(/<td height="(\d+)" bgcolor="#2563eb"/g)].map((m) => Number(m[1]));
    // Meta 12 bars, Google 11 (its last week is negative), Microsoft 6.
    expect(bars).toHaveLength(29);
    expect(Math.max(...bars)).toBe(48);
  });
});

describe('Markdown digest', () => {
  it('escapes vendor text so it cannot open markup', () => {
    // Brackets escaped: `(f)` can no longer make a link, so parentheses stay as they are (UTC), not \(UTC\).
    expect(escapeMd('a|b *c* _d_ [e](f) <g> `h`')).toBe('a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g&gt; \\`h\\`');
    const md = renderDigestMarkdown(data(true));
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('| 2026-04-08 | [Muse Spark](https://huggingface.co/meta/muse-spark) | proprietary | 2 API | – |');
    expect(md).toContain('## Vendor strategy');
    // Every table row has as many cells as its header.
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|').length).toBeGreaterThan(3);
  });
});

describe('Slack digest', () => {
  it('fits Slack limits and is inert', () => {
    const msg = renderDigestSlack(data(true));
    expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of msg.blocks) if ('text' in b) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const all = stringsOf(msg).join('\n');
    expect(all).not.toContain(HOSTILE_MODEL);
    expect(all).not.toContain(HOSTILE_TITLE);
    expect(all).toContain('&lt;!channel&gt; &lt;https://evil|click&gt;');
    expect(msg.text).toBe('modelwatch weekly digest 2026-W15: 3 releases, 2 licence changes, 1 gating change, 1 other change');
  });
});

describe('renderDigest', () => {
  it('renders every format and names the week in the subject', () => {
    const d = data();
    expect(digestSubject(d)).toBe('[modelwatch] Weekly digest 2026-W15: 2 releases, 1 licence change, 1 gating change, 1 other change');
    for (const f of ['html', 'text', 'md', 'slack'] as const) expect(renderDigest(d, f)).toContain('2026-W15');
    expect(JSON.parse(renderDigest(d, 'slack')).blocks[0].type).toBe('header');
  });
});
