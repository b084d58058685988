// The feed collector on real data, through the replay world and the real HTTP edge:
// - every rss-parser input that has an expected output gives rss-parser's own titles and links;
// - every feedparser ill-formed / encoding file gives entries or a clear SourceError, never a
//   crash or a hang (Header: lines from the files' comments are sent as response headers);
// - Miniflux's charset captures come out right with and without `charset=` in Content-Type.
// Fixtures and their provenance: test/fixtures/feeds/PROVENANCE.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedCollector } from '../../src/collectors/feed.js';
import type { CollectorContext, CollectResult } from '../../src/collectors/types.js';
import { SourceError } from '../../src/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import type { PostObservation } from '../../src/model.js';
import { testSource, testVendor } from '../helpers/config.js';
import { testHttpClient } from '../helpers/http.js';
import { startReplayWorld, type ReplayWorld } from '../helpers/replay-server.js';

const FIXTURES = new URL('../fixtures/feeds/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, FIXTURES));

let world: ReplayWorld;
let http: HttpClient;
beforeAll(async () => {
  world = await startReplayWorld();
  http = testHttpClient();
});
afterAll(async () => {
  await world.close();
});

const vendor = testVendor({ id: 'corpus' });

/** Serves `body` at `path` with `headers` once and polls it as a feed source. */
async function pollServed(path: string, body: Buffer, headers: Record<string, string>): Promise<CollectResult> {
  world.reset();
  world.route('GET', path, { status: 200, headers, body }, { required: true, once: true });
  const source = testSource({ vendorId: 'corpus', kind: 'feed', target: world.url + path });
  const ctx: CollectorContext = {
    source,
    vendor,
    http,
    now: () => new Date('2026-10-01T00:00:00Z'),
    validators: new Map(),
    known: new Map(),
    cursor: {},
    endpoints: { huggingface: world.url, github: world.url },
  };
  try {
    return await feedCollector.poll(ctx);
  } finally {
    world.assertClean();
  }
}

function titlesOf(r: CollectResult): string[] {
  return (r.observations as PostObservation[]).map((o) => o.title);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe("rss-parser corpus: entries match rss-parser's own output", () => {
  const inputs = readdirSync(new URL('rss-parser/input/', FIXTURES));
  const cases = inputs
    .map((file) => ({ file, name: file.replace(/\.[^.]+$/, '') }))
    .filter(({ name }) => {
      try {
        return statSync(new URL(`rss-parser/output/${name}.json`, FIXTURES)).isFile();
      } catch {
        return false;
      }
    });

  it('covers all 29 inputs that have an expected output', () => {
    expect(cases).toHaveLength(29);
  });

  // What a real server would send: Atom/RSS media types, utf-8 declared where the bytes are
  // UTF-8; encoding.rss exactly as rss-parser's test served it; uolNoticias (Latin-1 bytes, no
  // declaration at all) as UOL sends it.
  const contentType = (file: string) => {
    if (file === 'encoding.rss') return 'text/xml; charset=latin1';
    if (file === 'uolNoticias.rss') return 'text/xml; charset=ISO-8859-1';
    if (file.endsWith('.atom')) return 'application/atom+xml; charset=utf-8';
    return 'application/rss+xml; charset=utf-8';
  };

  it.each(cases)('$file', async ({ file, name }) => {
    const result = await pollServed(`/rss-parser/${file}`, read(`rss-parser/input/${file}`), {
      'content-type': contentType(file),
      etag: `"${name}"`,
    });
    // encoding.json is itself Latin-1 encoded (see PROVENANCE.md).
    const expected = JSON.parse(read(`rss-parser/output/${name}.json`).toString(name === 'encoding' ? 'latin1' : 'utf8')) as {
      feed: { items: { title?: unknown; link?: unknown; isoDate?: unknown }[] };
    };
    const posts = result.observations as PostObservation[];
    expect(posts).toHaveLength(expected.feed.items.length);
    expect(new Set(posts.map((p) => p.key)).size).toBe(posts.length);
    expected.feed.items.forEach((item, i) => {
      const post = posts[i]!;
      if (typeof item.title === 'string' && squash(item.title)) {
        const want = squash(item.title);
        if (want.includes('\ufffd')) {
          // rss-parser read these Latin-1 bytes as UTF-8: U+FFFD where we decode the real letter
          // (or a space: a no-break space is folded like any whitespace).
          const re = new RegExp(`^${want.split('\ufffd').map(escapeRe).join('(?:[^\\x00-\\x7f]| )')}$`);
          expect(post.title, `${file} item ${i}`).toMatch(re);
          expect(post.title).not.toContain('\ufffd');
        } else {
          expect(post.title, `${file} item ${i}`).toBe(want);
        }
      } else {
        expect(post.title.length, `${file} item ${i} (untitled)`).toBeGreaterThan(0);
      }
      // Dates: rss-parser's isoDate is `new Date(pubDate)`; ours agrees (zone-less dates aside, which
      // rss-parser reads in the machine's zone and we read as UTC — none in this corpus differ).
      if (typeof item.isoDate === 'string') expect(post.publishedAt, `${file} item ${i} date`).toBe(item.isoDate);
      if (typeof item.link === 'string' && item.link.trim()) {
        const link = item.link.trim();
        const want = /^[a-z][a-z0-9+.-]*:/i.test(link) ? link : new URL(link, world.url + `/rss-parser/${file}`).href;
        expect(post.link, `${file} item ${i}`).toBe(want);
      } else {
        expect(post.link, `${file} item ${i}`).toBeNull();
      }
    });
    expect(result.validators).toEqual([{ url: `${world.url}/rss-parser/${file}`, validators: { etag: `"${name}"`, lastModified: null } }]);
  });

  it('decodes the Latin-1 feeds to real letters (encoding.rss by its header, uolNoticias by the fallback)', async () => {
    const enc = await pollServed('/enc', read('rss-parser/input/encoding.rss'), { 'content-type': 'text/xml; charset=latin1' });
    expect(titlesOf(enc).join(' ')).toMatch(/[ãçéíóú]/);
    // the same bytes with no charset: the prolog (ISO-8859-1) decides, same result
    const enc2 = await pollServed('/enc2', read('rss-parser/input/encoding.rss'), { 'content-type': 'application/rss+xml' });
    expect(titlesOf(enc2)).toEqual(titlesOf(enc));
    const uol = await pollServed('/uol', read('rss-parser/input/uolNoticias.rss'), { 'content-type': 'text/xml' });
    expect(titlesOf(uol).join(' ')).not.toContain('\ufffd');
    expect(titlesOf(uol).join(' ')).toMatch(/[ãçéíóúâê]/);
  });

  it('refuses unrecognized.rss (an HTML "Document Moved" page) with a clear permanent error', async () => {
    const err = await pollServed('/unrecognized', read('rss-parser/input/unrecognized.rss'), {
      'content-type': 'application/rss+xml',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).transient).toBe(false);
    expect((err as SourceError).message).toMatch(
      /^feed: corpus:feed:http:\/\/127\.0\.0\.1:\d+\/unrecognized: got an HTML page instead of a feed/,
    );
  });
});

/** `Header: Name: value` lines of a feedparser test file's comment (the file is ASCII-compatible). */
function headerLines(body: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  const text = body.toString('latin1').replace(/\0/g, '');
  for (const m of text.matchAll(/^Header:\s*([^:\r\n]+):\s*(.*?)\s*$/gm)) headers[m[1]!.trim().toLowerCase()] = m[2]!;
  return headers;
}

function walk(dir: URL, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(new URL(`${e.name}/`, dir), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('feedparser corpus: entries or a clear SourceError, never a crash or a hang', () => {
  const files = [
    ...walk(new URL('feedparser-illformed/', FIXTURES)).map((f) => `feedparser-illformed/${f}`),
    ...walk(new URL('feedparser-encoding/', FIXTURES)).map((f) => `feedparser-encoding/${f}`),
  ];

  it('covers all 101 files', () => {
    expect(files).toHaveLength(101);
  });

  it('every file: observations, or a permanent SourceError that says what is wrong', { timeout: 60_000 }, async () => {
    const outcomes: Record<string, string> = {};
    for (const [i, file] of files.entries()) {
      const body = read(file);
      const headers = { 'content-type': 'text/xml', ...headerLines(body) };
      const started = Date.now();
      let outcome: string;
      try {
        const r = await pollServed(`/fp/${i}`, body, headers);
        for (const o of r.observations as PostObservation[]) {
          expect(o.type).toBe('post');
          expect(o.key.length).toBeGreaterThan(0);
          expect(o.title.length).toBeGreaterThan(0);
          expect(o.contentHash).toMatch(/^[0-9a-f]{64}$/);
        }
        outcome = `ok:${r.observations.length}`;
      } catch (err) {
        expect(err, file).toBeInstanceOf(SourceError);
        const e = err as SourceError;
        expect(e.transient, file).toBe(false);
        expect(e.message, file).toMatch(
          /^feed: corpus:feed:http:\/\/127\.0\.0\.1:\d+\/fp\/\d+: (malformed XML|malformed feed|not a feed|got an HTML page)/,
        );
        outcome = `error:${e.message.replace(/^feed: \S+: /, '')}`;
      }
      expect(Date.now() - started, `${file} took too long`).toBeLessThan(5_000);
      outcomes[file] = outcome;
    }
    // Spot checks against feedparser's own `Expect:` lines.
    expect(outcomes['feedparser-illformed/aaa_illformed.xml']).toMatch(/^error:malformed XML/);
    expect(outcomes['feedparser-illformed/rss_empty_document.xml']).toBe('error:malformed XML: no root element (an empty document?)');
    expect(outcomes['feedparser-illformed/always_strip_doctype.xml']).toBe('ok:0');
    // an <rss> without <channel>: items directly under the root still count (feedparser does too)
    expect(outcomes['feedparser-encoding/encoding_attribute_crash.xml']).toBe('ok:1');
    expect(outcomes['feedparser-encoding/utf-32be-autodetect.xml']).toBe('ok:0');
    expect(outcomes['feedparser-illformed/rss_incomplete_cdata.xml']).toMatch(/^error:malformed XML/);
    expect(outcomes['feedparser-encoding/http_i18n.xml']).toBe('ok:0');
    expect(outcomes['feedparser-encoding/http_text_xml_charset_2.xml']).toBe('ok:1');
    // Every encoding file is well-formed apart from the bozo_* ones: all of those must parse.
    const encodingFailures = Object.entries(outcomes).filter(
      ([f, o]) => f.startsWith('feedparser-encoding/') && !f.includes('/bozo_') && o.startsWith('error'),
    );
    expect(encodingFailures).toEqual([]);
  });

  it('reads entries right where feedparser expects values', async () => {
    const one = async (file: string) => {
      const body = read(file);
      const r = await pollServed('/one', body, { 'content-type': 'text/xml', ...headerLines(body) });
      return r.observations as PostObservation[];
    };
    // Header charset windows-1252 over the prolog's iso-8859-1: "This is a £“test.”"
    const [smart] = await one('feedparser-encoding/http_text_xml_charset_overrides_encoding_2.xml');
    expect(smart).toMatchObject({ title: 'Foo', link: 'http://purl.org/rss/2.0/?item', summary: 'This is a \u00a3\u201ctest.\u201d' });
    // entries[0].link == 'http://link/get?a=1&b=2' — malformed (unclosed </rss) so refused, but the
    // well-formed part is not silently returned as a success either:
    await expect(one('feedparser-illformed/rss_item_link_corrupted_ampersands.xml')).rejects.toThrow(/malformed XML/);
    // demoronize: windows-1252 code points written as C1 controls come out as the real quotes
    const [d] = await one('feedparser-encoding/demoronize-1.xml');
    expect(d!.summary).toBe('don\u2019t');
  });

  it('reads undeclared CJK and Cyrillic files right once the server names the charset', async () => {
    // feedparser guesses these with chardet; we do not guess (without a declaration they come out
    // as windows-1252 mojibake, but still as entries): the Content-Type charset makes them exact.
    const cases: [string, string, string][] = [
      ['gb2312', 'gb2312.xml', '不归移民漫画系列：专业工作'],
      ['koi8-r', 'koi8r.xml', 'Как пережить новогоднюю ночь'],
      ['shift_jis', 'shiftjis.xml', 'DrecomRSSに記事投稿が反映されない…'],
      ['euc-kr', 'euckr.xml', 'EUC-KR 에서 TypeKey 한글닉네임 표시하기'],
    ];
    for (const [charset, file, title] of cases) {
      const r = await pollServed(`/cjk/${file}`, read(`feedparser-illformed/chardet/${file}`), {
        'content-type': `text/xml; charset=${charset}`,
      });
      expect(titlesOf(r)[0], file).toBe(title);
      const undeclared = await pollServed(`/cjk2/${file}`, read(`feedparser-illformed/chardet/${file}`), { 'content-type': 'text/xml' });
      expect(undeclared.observations).toHaveLength(r.observations.length);
      expect(titlesOf(undeclared)[0]).not.toBe(title);
    }
  });
});

describe('Miniflux charset captures: titles right with and without charset= in Content-Type', () => {
  const cases: { file: string; headers: string[]; expect: RegExp }[] = [
    { file: 'encoding_ISO-8859-1.xml', headers: ['application/rss+xml; charset=ISO-8859-1', 'application/rss+xml'], expect: /[äöüß]/ },
    { file: 'encoding_WINDOWS-1251.xml', headers: ['application/rss+xml; charset=windows-1251', 'text/xml'], expect: /[а-яё]{3}/i },
    // No declaration anywhere: with the header it is exact; without, invalid UTF-8 → windows-1252.
    { file: 'no_encoding_ISO-8859-1.xml', headers: ['application/rss+xml; charset=ISO-8859-1', 'application/rss+xml'], expect: /[éèàêç]/ },
  ];

  it.each(cases)('$file', async ({ file, headers, expect: letters }) => {
    const results: string[][] = [];
    for (const ct of headers) {
      const r = await pollServed(`/miniflux/${file}`, read(`miniflux/${file}`), { 'content-type': ct });
      const titles = titlesOf(r);
      expect(titles.length, ct).toBeGreaterThan(0);
      expect(titles.join('\n'), ct).not.toMatch(/[\ufffd\u0080-\u009f]|Ã[\u0080-\u00ff]/);
      results.push(titles);
    }
    expect(results[0]!.join('\n')).toMatch(letters);
    expect(results[1]).toEqual(results[0]);
  });

  it('a wrong charset header on UTF-8-declared bytes is not trusted blindly', async () => {
    // no_encoding_ISO-8859-1 served as utf-8: invalid UTF-8 → windows-1252, same titles as Latin-1
    const right = titlesOf(
      await pollServed('/psy1', read('miniflux/no_encoding_ISO-8859-1.xml'), { 'content-type': 'text/xml; charset=iso-8859-1' }),
    );
    const wrong = titlesOf(
      await pollServed('/psy2', read('miniflux/no_encoding_ISO-8859-1.xml'), { 'content-type': 'text/xml; charset=utf-8' }),
    );
    expect(wrong).toEqual(right);
  });

  it('RSS 0.9 / RDF (heise online) parses', async () => {
    const r = await pollServed('/rdf', read('miniflux/rdf_UTF8.xml'), { 'content-type': 'application/rdf+xml' });
    expect(r.observations.length).toBeGreaterThan(0);
    expect((r.observations[0] as PostObservation).link).toMatch(/^https?:\/\/(www\.)?heise\.de\//);
  });
});
