// The digest's chart: each vendor's M1 (bars) and 180-day open share (line) over the last 52 weeks,
// drawn by Vega-Lite (to SVG) and resvg (SVG to PNG for mail clients, which drop SVG). Negative
// and missing values read differently: a bar below the zero line in green is an open line ahead;
// a grey cross on the zero line is a week without a snapshot. Vega, Vega-Lite and resvg are
// loaded only here, and only when a digest is rendered with its chart.
import type { DigestData } from './types.js';

export interface DigestChart {
  svg: string;
  png: Buffer;
  alt: string;
  /** Size of the PNG in pixels (2x the SVG's for sharp text on high-density screens). */
  width: number;
  height: number;
}

/** The Content-ID the email's HTML refers to (`<img src="cid:...">`). */
export const CHART_CID = 'm1-chart@modelwatch';

const BEHIND = 'open line behind (M1 > 0)';
const AHEAD = 'open line ahead (M1 < 0)';
const SAME = 'same day (M1 = 0)';
const MISSING = 'no snapshot that week';
const COLOURS = { domain: [BEHIND, AHEAD, SAME, MISSING], range: ['#b91c1c', '#15803d', '#6b7280', '#9ca3af'] };

/** The chart's Vega-Lite specification (pure: data in, spec out). */
export function chartSpec(d: DigestData): Record<string, unknown> {
  const values = d.year.series.flatMap((s) =>
    d.year.weeks.map((week, i) => {
      const m1 = s.m1[i] ?? null;
      const share = s.openShare[i] ?? null;
      return {
        vendor: s.vendor,
        week,
        label: week.replace(/^\d{2}(\d{2})-W/, '$1-W'),
        m1,
        share: share === null ? null : Math.round(share * 100),
        sign: m1 === null ? null : m1 > 0 ? BEHIND : m1 < 0 ? AHEAD : SAME,
      };
    }),
  );
  const labels = d.year.weeks.map((w) => w.replace(/^\d{2}(\d{2})-W/, '$1-W'));
  // The weeks in calendar order whatever the layers filter out (a missing week keeps its place).
  const x = {
    field: 'label',
    type: 'ordinal',
    scale: { domain: labels },
    title: 'ISO week',
    axis: {
      labelAngle: -60,
      labelFontSize: 10,
      labelExpr: "indexof(['01','05','09','13','17','22','26','31','35','39','44','48'], slice(datum.label, -2)) >= 0 ? datum.label : ''",
    },
  };
  const row = { field: 'vendor', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values },
    config: {
      font: 'DejaVu Sans, Arial, Helvetica, sans-serif',
      axis: { titleFontSize: 11, labelFontSize: 10 },
      legend: { labelFontSize: 11, orient: 'top', title: null, labelLimit: 0 },
      header: { labelFontSize: 13, labelFontWeight: 'bold' },
    },
    hconcat: [
      {
        facet: { row },
        spec: {
          width: 470,
          height: 90,
          layer: [
            {
              transform: [{ filter: 'datum.m1 !== null' }],
              mark: { type: 'bar', width: 6 },
              encoding: {
                x,
                y: { field: 'm1', type: 'quantitative', title: 'M1 (days)', axis: { tickCount: 4 } },
                color: { field: 'sign', type: 'nominal', scale: COLOURS },
              },
            },
            {
              transform: [{ filter: 'datum.m1 === null' }],
              mark: { type: 'point', shape: 'cross', size: 30, filled: true },
              encoding: { x, y: { datum: 0 }, color: { datum: MISSING, type: 'nominal', scale: COLOURS } },
            },
            { mark: { type: 'rule', color: '#374151' }, encoding: { y: { datum: 0 } } },
          ],
        },
      },
      {
        facet: { row: { ...row, header: { labels: false } } },
        spec: {
          width: 150,
          height: 90,
          transform: [{ filter: 'datum.share !== null' }],
          mark: { type: 'line', color: '#2563eb', point: { size: 12, color: '#2563eb' } },
          encoding: {
            x: { ...x, axis: { ...x.axis, labelExpr: "indexof(['01','13','26','39'], slice(datum.label, -2)) >= 0 ? datum.label : ''" } },
            y: { field: 'share', type: 'quantitative', title: 'open share %', scale: { domain: [0, 100] }, axis: { tickCount: 3 } },
          },
        },
      },
    ],
  };
}

/** What the chart says, for a screen reader or a mail client that blocks images. */
export function chartAlt(d: DigestData): string {
  const first = d.year.weeks[0] ?? '';
  const last = d.year.weeks.at(-1) ?? '';
  const latest = d.year.series.map((s) => {
    const i = s.m1
      .map((v, k) => (v === null ? -1 : k))
      .filter((k) => k >= 0)
      .pop();
    if (i === undefined) return `${s.vendor}: no snapshot yet`;
    const v = s.m1[i]!;
    const share = s.openShare[i];
    const m1 =
      v > 0 ? `open line ${v} days behind` : v < 0 ? `open line ${-v} days ahead` : 'open and proprietary lines released the same day';
    return `${s.vendor}: ${m1}${share === null || share === undefined ? '' : `, open share ${Math.round(share * 100)}%`}`;
  });
  return `Chart of M1 (days the open line trails the proprietary line; below zero, it is ahead) and the 180-day open share per vendor, week by week from ${first} to ${last}. Latest: ${latest.join('; ')}.`;
}

/** Draws the chart (SVG, then PNG). Null when there is no gap history to draw. */
export async function renderChart(d: DigestData): Promise<DigestChart | null> {
  if (!d.year.series.length) return null;
  const [vega, vl, { Resvg }] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  const view = new vega.View(vega.parse(vl.compile(chartSpec(d) as never).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render();
  return { svg, png: image.asPng(), alt: chartAlt(d), width: image.width, height: image.height };
}
