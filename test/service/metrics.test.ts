import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { escapeLabelValue, renderMetrics } from '../../src/service/metrics.js';
import { readStats } from '../../src/service/stats.js';
import { tmpDb } from '../helpers/tmp.js';
import { ODD_ID, SECRET_ERROR, seed } from './fixtures.js';
import { parseMetrics, sample } from './metrics.js';

let db: Db;
beforeEach(() => {
  db = tmpDb().db;
  seed(db);
});
afterEach(() => db.close());

describe('renderMetrics', () => {
  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeLabelValue('hf:meta-llama')).toBe('hf:meta-llama');
  });

  it('is checked by a reader that rejects unescaped label values', () => {
    const head = '# TYPE m counter\n';
    expect(() => parseMetrics(`${head}m{source="a"b"} 1\n`)).toThrow(/bad labels/);
    expect(() => parseMetrics(`${head}m{source="a\nb"} 1\n`)).toThrow(/not a sample line/);
    expect(parseMetrics(`${head}m{source="a\\"b"} 1\n`).samples[0].labels.source).toBe('a"b');
  });

  it('renders every family with HELP and TYPE, read from the database', () => {
    const text = renderMetrics(readStats(db), { schedulerRunning: true });
    const { samples, types, help } = parseMetrics(text);
    expect(Object.fromEntries(types)).toEqual({
      modelwatch_polls_total: 'counter',
      modelwatch_poll_errors_total: 'counter',
      modelwatch_events_total: 'counter',
      modelwatch_alerts: 'gauge',
      modelwatch_last_success_timestamp_seconds: 'gauge',
      modelwatch_source_consecutive_errors: 'gauge',
      modelwatch_scheduler_running: 'gauge',
      modelwatch_channel_oldest_undelivered_timestamp_seconds: 'gauge',
    });
    for (const name of types.keys()) expect(help.get(name)).toBeTruthy();

    expect(sample(samples, 'modelwatch_polls_total', { source: 'hf:meta-llama' })).toBe(2);
    expect(sample(samples, 'modelwatch_polls_total', { source: 'feed:meta-blog' })).toBe(3);
    expect(sample(samples, 'modelwatch_poll_errors_total', { source: 'hf:meta-llama' })).toBe(0);
    expect(sample(samples, 'modelwatch_poll_errors_total', { source: 'feed:meta-blog' })).toBe(3);
    expect(sample(samples, 'modelwatch_events_total', { kind: 'model.new' })).toBe(2);
    expect(sample(samples, 'modelwatch_events_total', { kind: 'model.license_changed' })).toBe(1);
    expect(sample(samples, 'modelwatch_alerts', { status: 'sent' })).toBe(3);
    expect(sample(samples, 'modelwatch_alerts', { status: 'pending' })).toBe(2);
    expect(sample(samples, 'modelwatch_alerts', { status: 'dead' })).toBe(1);
    expect(sample(samples, 'modelwatch_alerts', { status: 'failed' })).toBe(0);
    expect(sample(samples, 'modelwatch_last_success_timestamp_seconds', { source: 'hf:meta-llama' })).toBe(
      Date.parse('2026-05-04T07:50:00.000Z') / 1000,
    );
    // Never succeeded: no timestamp rather than a misleading 0.
    expect(sample(samples, 'modelwatch_last_success_timestamp_seconds', { source: 'feed:meta-blog' })).toBeUndefined();
    expect(sample(samples, 'modelwatch_source_consecutive_errors', { source: 'feed:meta-blog' })).toBe(3);
    expect(sample(samples, 'modelwatch_source_consecutive_errors', { source: 'hf:meta-llama' })).toBe(0);
    expect(sample(samples, 'modelwatch_scheduler_running')).toBe(1);
    // The odd id survives the round trip through escaping.
    expect(sample(samples, 'modelwatch_polls_total', { source: ODD_ID })).toBe(0);
    expect(text).not.toContain('hf_SECRETSECRET');
    expect(text).not.toContain(SECRET_ERROR);
  });

  it('reports only the configured sources when given their ids', () => {
    const { samples } = parseMetrics(renderMetrics(readStats(db, ['hf:meta-llama']), { schedulerRunning: false }));
    expect(new Set(samples.filter((s) => s.labels.source).map((s) => s.labels.source))).toEqual(new Set(['hf:meta-llama']));
    expect(sample(samples, 'modelwatch_scheduler_running')).toBe(0);
  });
});
