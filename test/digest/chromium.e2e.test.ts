// The HTML digest laid out by a real browser engine (headless Chromium): the screenshot is not
// blank, the tables are drawn (their grey header rows) and the M1 chart's bars are visible.
import { describe, expect, it } from 'vitest';
import { collectDigestData } from '../../src/digest/data.js';
import { renderChart } from '../../src/digest/chart.js';
import { renderDigest } from '../../src/digest/render/index.js';
import { renderDigestHtml } from '../../src/digest/render/html.js';
import { assertChromium, screenshot } from './chromium.js';
import { countColour, decodePng, inkRows, pixel, type Image } from './png.js';
import { buildWorld, TZ, VENDORS, W15 } from './world.js';

const HEADER_GREY: [number, number, number] = [0xe5, 0xe7, 0xeb];
const BAR_BLUE: [number, number, number] = [0x25, 0x63, 0xeb];

/** Horizontal bands of rows where at least `minRun` pixels have the colour: one per table header. */
function bands(img: Image, rgb: [number, number, number], minRun: number): number {
  let count = 0;
  let inBand = false;
  for (let y = 0; y < img.height; y++) {
    let n = 0;
    for (let x = 0; x < img.width; x++) {
      const [r, g, b] = pixel(img, x, y);
      if (Math.abs(r - rgb[0]) <= 2 && Math.abs(g - rgb[1]) <= 2 && Math.abs(b - rgb[2]) <= 2) n++;
    }
    const hit = n >= minRun;
    if (hit && !inBand) count++;
    inBand = hit;
  }
  return count;
}

describe('HTML digest in headless Chromium', () => {
  it('finds chromium', () => {
    expect(assertChromium).not.toThrow();
  });

  it('lays out: non-blank, tables and chart visible', async () => {
    const { db } = buildWorld({ hostile: true });
    const data = collectDigestData(db, { weekStart: W15.start, weekEnd: W15.end, tz: TZ, vendors: VENDORS });
    db.close();
    const img = decodePng(await screenshot(renderDigestHtml(data), { width: 1000, height: 2600 }));
    expect([img.width, img.height]).toEqual([1000, 2600]);
    const ink = inkRows(img);
    // Text and tables fill most of the page, top to bottom.
    expect(ink.length).toBeGreaterThan(1000);
    expect(ink[0]).toBeLessThan(40);
    // Table header rows: releases (2 vendors), licence, gating, other, strategy, gap, sources, deadlines.
    expect(bands(img, HEADER_GREY, 600)).toBeGreaterThanOrEqual(8);
    // The M1 bars are drawn.
    expect(countColour(img, BAR_BLUE, 4)).toBeGreaterThan(5_000);
  }, 60_000);

  it('the chart is present and legible: an image of the right size, axis titles and week labels, negative and missing values in their own colours', async () => {
    const { db } = buildWorld({ hostile: true });
    const data = collectDigestData(db, { weekStart: W15.start, weekEnd: W15.end, tz: TZ, vendors: VENDORS });
    db.close();
    const chart = (await renderChart(data))!;
    expect(chart).not.toBeNull();
    // Drawn at 2x; shown at half: at least 600 CSS pixels wide, 80 pixels tall per vendor.
    const png = decodePng(chart.png);
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    expect(png.width / 2).toBeGreaterThanOrEqual(600);
    expect(png.height / 2).toBeGreaterThanOrEqual(80 * data.year.series.length);
    // Axis titles and week labels are text of at least 10 px in the drawing.
    const texts = [...chart.svg.matchAll(/<text[^>]*font-size="(\d+)px"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
      size: Number(m[1]),
      text: m[2]!,
    }));
    for (const title of ['M1 (days)', 'ISO week', 'open share %'])
      expect(
        texts.some((t) => t.text === title && t.size >= 10),
        title,
      ).toBe(true);
    expect(texts.filter((t) => /^\d{2}-W\d{2}$/.test(t.text) && t.size >= 10).length).toBeGreaterThanOrEqual(8);
    for (const v of data.year.series)
      expect(
        texts.some((t) => t.text === v.vendor),
        v.vendor,
      ).toBe(true);
    // In the browser: the image loads and shows red bars (open line behind), green ones below
    // zero (ahead), grey crosses (no snapshot) and the blue open-share line.
    const html = renderDigest(data, 'html', chart);
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Chart of M1/);
    const img = decodePng(await screenshot(html, { width: 1000, height: 1400 }));
    expect(countColour(img, [0xb9, 0x1c, 0x1c], 6)).toBeGreaterThan(300);
    expect(countColour(img, [0x15, 0x80, 0x3d], 6)).toBeGreaterThan(30);
    expect(countColour(img, [0x9c, 0xa3, 0xaf], 6)).toBeGreaterThan(30);
    expect(countColour(img, BAR_BLUE, 6)).toBeGreaterThan(100);
  }, 90_000);

  it('a blank page would fail these checks', async () => {
    const img = decodePng(
      await screenshot('<!doctype html><html><body style="background:#fff"></body></html>', { width: 400, height: 300 }),
    );
    expect(inkRows(img)).toEqual([]);
    expect(bands(img, HEADER_GREY, 100)).toBe(0);
  }, 60_000);
});
