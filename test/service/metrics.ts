// A strict reader of the Prometheus text format for the tests: every sample line must be
// `name{labels} value` under a `# TYPE` of its family; label values are unescaped.
import { expect } from 'vitest';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseMetrics(text: string): { samples: Sample[]; types: Map<string, string>; help: Map<string, string> } {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (comment) {
      (comment[1] === 'HELP' ? help : types).set(comment[2], comment[3]);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const [, name, rawLabels = '', raw] = m;
    expect(types.has(name), `${name} has a # TYPE before its samples`).toBe(true);
    const labels: Record<string, string> = {};
    const rest = rawLabels.replace(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/g, (_all, k: string, v: string) => {
      labels[k] = v.replace(/\\(.)/g, (_e, ch: string) => (ch === 'n' ? '\n' : ch));
      return '';
    });
    if (rest !== '') throw new Error(`bad labels in ${JSON.stringify(line)}`);
    const value = Number(raw);
    if (Number.isNaN(value) && raw !== 'NaN') throw new Error(`bad value in ${JSON.stringify(line)}`);
    samples.push({ name, labels, value });
  }
  return { samples, types, help };
}

export function sample(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
