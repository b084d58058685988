// Charset decoding of feeds and pages (src/collectors/decode.ts): the precedence
// Content-Type charset > BOM / UTF-16-32 sniff > XML prolog (or <meta charset>) > UTF-8, and the
// windows-1252 fallback for undeclared single-byte text — on real files from feedparser's and
// Miniflux's corpora (test/fixtures/feeds/PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  charsetFromContentType,
  decodeHtml,
  decodeXml,
  detectUnicode,
  normalizeLabel,
  xmlPrologEncoding,
} from '../../src/collectors/decode.js';

const fixture = (p: string) => readFileSync(new URL(`../fixtures/feeds/${p}`, import.meta.url));

describe('charsetFromContentType', () => {
  it.each([
    ['text/xml; charset=utf-8', 'utf-8'],
    ['text/xml;charset= "us-ascii"', 'us-ascii'],
    ["application/rss+xml; Charset='ISO-8859-1'", 'ISO-8859-1'],
    ['text/xml; qs=0.9', null],
    ['text/xml;', null],
    ['text/xml; charset=', null],
    [undefined, null],
  ])('%s → %s', (ct, expected) => {
    expect(charsetFromContentType(ct)).toBe(expected);
  });
});

describe('labels', () => {
  it('resolves WHATWG labels and Python-style aliases, and refuses unknown ones', () => {
    expect(normalizeLabel('latin1')).toBe('windows-1252');
    expect(normalizeLabel('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeLabel('us-ascii')).toBe('windows-1252');
    expect(normalizeLabel('utf_8')).toBe('utf-8');
    expect(normalizeLabel('u16')).toBe('utf-16');
    expect(normalizeLabel('utf_32')).toBe('utf-32');
    expect(normalizeLabel('euc-kr')).toBe('euc-kr');
    expect(normalizeLabel('gb2312')).toBe('gbk');
    expect(normalizeLabel('bogus')).toBeNull();
  });
});

describe('decodeXml on feedparser-encoding files', () => {
  it('reads UTF-16 and UTF-32 in both byte orders, with and without BOM', () => {
    for (const name of [
      'utf-16le',
      'utf-16le-bom',
      'utf-16le-autodetect',
      'utf-16be',
      'utf-16be-bom',
      'utf-16be-autodetect',
      'utf-32le',
      'utf-32le-bom',
      'utf-32le-autodetect',
      'utf-32be',
      'utf-32be-bom',
      'utf-32be-autodetect',
      'u16',
      'utf16',
      'utf_16',
      'utf_32',
    ]) {
      const d = decodeXml(fixture(`feedparser-encoding/${name}.xml`));
      expect(d.text.startsWith('<?xml'), name).toBe(true);
      expect(d.text, name).toContain('<rss>');
      expect(d.lossy, name).toBe(false);
    }
    expect(detectUnicode(fixture('feedparser-encoding/utf-32be-autodetect.xml'))).toEqual({ encoding: 'utf-32be', bom: false });
    expect(decodeXml(fixture('feedparser-encoding/utf-16le-bom.xml')).source).toBe('bom');
    expect(decodeXml(fixture('feedparser-encoding/utf-16be-autodetect.xml')).source).toBe('sniff');
  });

  it('strips a UTF-8 BOM', () => {
    const d = decodeXml(fixture('feedparser-encoding/utf-8-bom.xml'));
    expect(d).toMatchObject({ encoding: 'utf-8', source: 'bom' });
    expect(d.text.startsWith('<?xml')).toBe(true);
  });

  it('lets the Content-Type charset override the prolog (windows-1252 smart quotes)', () => {
    const d = decodeXml(fixture('feedparser-encoding/http_text_xml_charset_overrides_encoding_2.xml'), 'text/xml; charset=windows-1252');
    expect(d).toMatchObject({ encoding: 'windows-1252', source: 'header' });
    expect(d.text).toContain('This is a \u00a3\u201ctest.\u201d');
  });

  it('follows the prolog when there is no header charset (euc-kr, big5)', () => {
    const d = decodeXml(fixture('feedparser-encoding/euc-kr.xml'), 'text/xml');
    expect(d).toMatchObject({ encoding: 'euc-kr', source: 'prolog' });
    expect(d.text).toContain('<title>\ub144</title>');
    expect(xmlPrologEncoding(fixture('feedparser-encoding/big5.xml'))).toBe('big5');
  });

  it('ignores a bogus declared encoding and a prolog that contradicts the bytes', () => {
    expect(decodeXml(fixture('feedparser-encoding/bozo_bogus_encoding.xml'))).toMatchObject({ encoding: 'utf-8', source: 'default' });
    // A UTF-16 BOM wins over a header naming a single-byte charset.
    const d = decodeXml(fixture('feedparser-encoding/utf-16le-bom.xml'), 'text/xml; charset=iso-8859-1');
    expect(d).toMatchObject({ encoding: 'utf-16le', source: 'bom' });
  });

  it('maps C1 controls to their windows-1252 meaning (demoronize: UTF-8-encoded U+0092 → ’)', () => {
    for (const n of [1, 2, 3]) {
      const d = decodeXml(fixture(`feedparser-encoding/demoronize-${n}.xml`));
      expect(d.encoding).toBe('utf-8');
      expect(d.text).not.toMatch(/[\u0080-\u009f]/);
    }
    expect(decodeXml(fixture('feedparser-encoding/demoronize-1.xml')).text).toContain('don\u2019t');
  });

  it('reads undeclared windows-1252 bytes as windows-1252, smart quotes included', () => {
    const d = decodeXml(Buffer.from('<rss version="2.0"><channel><title>\x93Caf\xe9\x94 \x80 5</title></channel></rss>', 'latin1'));
    expect(d).toMatchObject({ encoding: 'windows-1252', source: 'fallback' });
    expect(d.text).toContain('\u201cCaf\u00e9\u201d \u20ac 5');
  });

  it('keeps declared UTF-8 with a few broken bytes as UTF-8, replacing only those', () => {
    const d = decodeXml(fixture('feedparser-encoding/bozo_invalid-bytes-with-bom.xml'));
    expect(d).toMatchObject({ encoding: 'utf-8', lossy: true });
    expect(d.text).toContain('Valid UTF8: \u0468');
  });
});

describe('decodeXml on Miniflux charset captures', () => {
  const golem = fixture('miniflux/encoding_ISO-8859-1.xml');
  const bash = fixture('miniflux/encoding_WINDOWS-1251.xml');
  const psy = fixture('miniflux/no_encoding_ISO-8859-1.xml');

  it('ISO-8859-1 (Golem.de): umlauts right with and without a header charset', () => {
    for (const ct of ['application/rss+xml; charset=ISO-8859-1', 'application/rss+xml', undefined]) {
      const d = decodeXml(golem, ct);
      expect(d.encoding).toBe('windows-1252');
      expect(d.text).not.toContain('\ufffd');
      expect(d.text).toMatch(/[äöüÄÖÜß]/);
    }
  });

  it('windows-1251 (iBash.Org.Ru): Cyrillic right with and without a header charset', () => {
    for (const ct of ['text/xml; charset=windows-1251', 'text/xml']) {
      const d = decodeXml(bash, ct);
      expect(d.encoding).toBe('windows-1251');
      expect(d.text).toMatch(/[а-яА-Я]{4}/);
    }
  });

  it('a header charset the bytes cannot be (utf-8) gives way to the prolog (windows-1251)', () => {
    const d = decodeXml(bash, 'text/xml; charset=utf-8');
    // invalid UTF-8 → the next declared candidate (the prolog's windows-1251) is used
    expect(d).toMatchObject({ encoding: 'windows-1251', source: 'prolog' });
    expect(d.text).toBe(decodeXml(bash).text);
  });

  it('undeclared Latin-1 (Le Cercle Psy): invalid UTF-8 falls back to windows-1252', () => {
    const d = decodeXml(psy, 'text/xml');
    expect(d).toMatchObject({ encoding: 'windows-1252', source: 'fallback', lossy: false });
    expect(d.text).toMatch(/[éèàç]/);
    // with the right header it is read the same way
    expect(decodeXml(psy, 'text/xml; charset=iso-8859-1').text).toBe(d.text);
  });
});

describe('decodeHtml', () => {
  it('uses <meta charset> when the header has none', () => {
    const html = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"><title>'),
      Buffer.from([0x93, 0x68, 0x69, 0x94]),
      Buffer.from('</title></head></html>'),
    ]);
    expect(decodeHtml(html, 'text/html')).toMatchObject({ encoding: 'windows-1252', source: 'meta' });
    expect(decodeHtml(html, 'text/html').text).toContain('\u201chi\u201d');
    const httpEquiv = Buffer.from(
      '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>',
      'latin1',
    );
    expect(decodeHtml(httpEquiv).text).toContain('Привет');
  });
});
