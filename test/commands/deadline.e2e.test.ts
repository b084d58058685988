// `modelwatch deadline set|list` through the built CLI. Dates are relative to the real clock.
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/commands/since.js';
import { insertEvents } from '../../src/store/events.js';
import { openDb } from '../../src/store/db.js';
import type { NewEvent } from '../../src/events/index.js';
import { runCli } from '../helpers/cli.js';
import { buildFixtureDb, DAY } from './fixture-db.js';
import { asEvent, type LooseEvent } from '../helpers/events.js';

interface Deadline {
  id: number;
  subject: string;
  subjectKind: 'vendor' | 'model';
  date: string;
  note: string | null;
  createdAt: string;
  reachedAt: string | null;
  daysLeft: number;
  eventsSince: number;
  eventsByKind: Record<string, number>;
}

function later(kind: NewEvent['kind'], key: string, p: Partial<LooseEvent>): NewEvent {
  const at = new Date(Date.now() + 60_000).toISOString();
  return asEvent({
    kind,
    dedupKey: key,
    vendorId: null,
    modelId: null,
    sourceId: null,
    occurredAt: at,
    seenAt: at,
    summary: key,
    severity: 'info',
    data: {},
    evidence: [],
    baseline: false,
    ...p,
  });
}

describe('modelwatch deadline', () => {
  it('set a vendor deadline 90 days ahead, and a model deadline on a date; list counts down and counts what happened since', async () => {
    const { db, file } = buildFixtureDb();
    const day90 = dayOf(new Date(Date.now() + 90 * DAY));
    const setVendor = await runCli(['deadline', 'set', 'meta', '90d', '--note', 'Llama or Gemma 4?', '--db', file, '--json']);
    expect(setVendor.stderr).toBe('');
    expect(setVendor.code).toBe(0);
    // The CLI reads the clock after this test did: around midnight UTC its date may be a day later.
    const v = JSON.parse(setVendor.stdout) as Deadline;
    expect(v).toMatchObject({
      id: 1,
      subject: 'meta',
      subjectKind: 'vendor',
      note: 'Llama or Gemma 4?',
      reachedAt: null,
      daysLeft: 90,
      eventsSince: 0,
      eventsByKind: {},
    });
    expect([day90, dayOf(new Date(Date.now() + 91 * DAY))]).toContain(v.date);

    const date = dayOf(new Date(Date.now() + 30 * DAY));
    const setModel = await runCli(['deadline', 'set', 'META-LLAMA/llama-3.1-8b-instruct', date, '--db', file]);
    expect(setModel.code).toBe(0);
    expect(setModel.stdout).toMatch(
      new RegExp(`^deadline 2: decide on meta-llama/Llama-3\\.1-8B-Instruct \\(model\\) by ${date} \\((29|30) days left\\)\\n$`),
    );

    // What happens after the deadlines were set: two events about Meta (one of them about the
    // Llama model), one about Google, and a source failure, which is about modelwatch itself.
    insertEvents(
      db,
      [
        later('model.license_changed', 'a', { vendorId: 'meta', modelId: 'meta-llama/Llama-3.1-8B-Instruct' }),
        later('announcement', 'b', { vendorId: 'meta', modelId: 'meta/muse-spark' }),
        later('post.new', 'c', { vendorId: 'google' }),
        later('source.failing', 'd', { vendorId: 'meta' }),
      ],
      () => [],
      new Date().toISOString(),
    );
    db.close();

    const list = await runCli(['deadline', 'list', '--db', file, '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Deadline[];
    // Soonest first.
    expect(rows.map((r) => [r.id, r.subject, r.subjectKind, r.date, r.eventsSince])).toEqual([
      [2, 'meta-llama/Llama-3.1-8B-Instruct', 'model', date, 1],
      [1, 'meta', 'vendor', v.date, 2],
    ]);
    expect(rows[1]!.eventsByKind).toEqual({ announcement: 1, 'model.license_changed': 1 });
    expect(rows[0]!.daysLeft).toBeGreaterThanOrEqual(29);
    expect(rows[0]!.daysLeft).toBeLessThanOrEqual(30);

    const table = await runCli(['deadline', 'list', '--db', file]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+DATE\s+LEFT\s+SUBJECT\s+EVENTS SINCE SET\s+NOTE$/);
    expect(table.stdout).toMatch(/\n1\s+\S+\s+(89|90) d\s+meta\s+2\s+Llama or Gemma 4\?\n/);

    const csv = await runCli(['deadline', 'list', '--db', file, '--csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('id,subject,subjectKind,date,daysLeft,eventsSince,createdAt,reachedAt,note');
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(3);
  });

  it('a configured vendor can be named before any poll; the list is empty at first', async () => {
    const { db, file } = buildFixtureDb();
    db.close();
    expect(await runCli(['deadline', 'list', '--db', file])).toMatchObject({
      code: 0,
      stdout: 'no deadlines (set one with: modelwatch deadline set <vendor|model> <date>)\n',
    });
    const r = await runCli(['deadline', 'set', 'mistral', '12w', '--db', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ subject: 'mistral', subjectKind: 'vendor' });
  });

  it('an unknown subject, a past date or an unreadable date exits 2', async () => {
    const { db, file } = buildFixtureDb();
    db.close();
    const unknown = await runCli(['deadline', 'set', 'llama-3.1', '90d', '--db', file]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^deadline set: "llama-3\.1" is neither a vendor nor a known model; did you mean meta-llama\/Llama-3\.1-8B-Instruct\? \(vendors: .*meta.*\)\n$/,
    );
    const past = await runCli(['deadline', 'set', 'meta', '2020-01-01', '--db', file]);
    expect(past).toMatchObject({ code: 2, stderr: 'deadline set: 2020-01-01 is in the past\n' });
    const bad = await runCli(['deadline', 'set', 'meta', 'soon', '--db', file]);
    expect(bad).toMatchObject({
      code: 2,
      stderr: 'deadline set: expected a date (2026-09-01) or a time ahead (90d, 12w, 3m), got "soon"\n',
    });
    // Nothing was stored.
    const check = openDb(file);
    expect(check.prepare('SELECT COUNT(*) AS n FROM deadlines').get()).toEqual({ n: 0 });
    check.close();
  });
});
