import { afterEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/events/index.js';
import type { AlertBatch, Channel } from '../../src/notify/channel.js';
import { planBatches, retryDelayMs } from '../../src/notify/dispatch.js';
import { claimAlerts, getAlert, listAlerts, loadOutbox, retryAlerts } from '../../src/store/alerts.js';
import { slack } from '../helpers/receiver.js';
import { startOutbox, T0, type Outbox } from './outbox.js';
import { loose } from '../helpers/events.js';

const MIN = 60_000;
let o: Outbox | undefined;
afterEach(async () => {
  await o?.close();
  o = undefined;
});

const statuses = (ob: Outbox) => listAlerts(ob.db).map((a) => a.status);

describe('dispatch', () => {
  it('sends one message per vendor, oldest event first, and marks the alerts sent', async () => {
    o = await startOutbox();
    const meta = o.add('meta', 3);
    const google = o.add('google', 2);
    const summary = await o.run();
    expect(summary).toEqual({ sent: 5, failed: 0, retried: 0, dead: 0, recovered: 0 });
    const got = o.accepted();
    expect(got).toHaveLength(2);
    expect(got).toContainEqual({ vendor: 'meta', models: meta.map((e) => Number((e.data.name as string).split(' ')[1])) });
    expect(got).toContainEqual({ vendor: 'google', models: google.map((e) => Number((e.data.name as string).split(' ')[1])) });
    for (const a of listAlerts(o.db)) {
      expect(a.status).toBe('sent');
      expect(a.sentAt).toBe(T0.toISOString());
      expect(a.attempts).toBe(1);
    }
    expect(await o.run()).toEqual({ sent: 0, failed: 0, retried: 0, dead: 0, recovered: 0 });
    expect(o.receiver.requests).toHaveLength(2);
  });

  it('orders a vendor by when events occurred, not by when they were stored', async () => {
    o = await startOutbox();
    const [late] = o.add('meta');
    const [early] = o.add('meta');
    o.db.prepare('UPDATE events SET occurred_at = ? WHERE id = ?').run('2025-01-01T00:00:00.000Z', early!.id);
    await o.run();
    expect(o.accepted()).toEqual([{ vendor: 'meta', models: [num(early!), num(late!)] }]);
  });

  it('splits a large batch into messages of maxBatch alerts, in order', async () => {
    o = await startOutbox();
    const events = o.add('meta', 45);
    await o.run();
    const got = o.accepted();
    expect(got.map((m) => m.models.length)).toEqual([20, 20, 5]);
    expect(got.flatMap((m) => m.models)).toEqual(events.map(num));
  });

  it('delivers every alert exactly once, in order per vendor, through an hour of channel outage', async () => {
    o = await startOutbox();
    const upAt = T0.getTime() + 60 * MIN;
    o.receiver.always(() => (o!.clock.t.getTime() >= upAt ? slack.ok : slack.serverError));
    const added: StoredEvent[] = [...o.add('meta', 2), ...o.add('google', 1)];
    let failures = 0;
    for (let minute = 0; minute <= 240; minute++) {
      if (minute === 10) added.push(...o.add('meta', 2));
      if (minute === 45) added.push(...o.add('google', 1), ...o.add('meta', 1));
      if (minute === 90) added.push(...o.add('meta', 1));
      const s = await o.run();
      failures += s.retried;
      expect(s.dead).toBe(0);
      expect(s.failed).toBe(0);
      o.advance(MIN);
    }
    expect(failures).toBeGreaterThan(5); // the outage was real: several attempts failed
    expect(o.receiver.requests.filter((r) => r.status === 500).length).toBeGreaterThan(5);
    expect(statuses(o).every((s) => s === 'sent')).toBe(true);
    const got = o.accepted();
    const delivered = got.flatMap((m) => m.models);
    expect([...delivered].sort((a, b) => a - b)).toEqual(added.map(num).sort((a, b) => a - b)); // once each
    for (const vendor of ['meta', 'google']) {
      const order = got.filter((m) => m.vendor === vendor).flatMap((m) => m.models);
      expect(order).toEqual(added.filter((e) => e.vendorId === vendor).map(num)); // in order
    }
    // Nothing was accepted before the channel came back.
    const firstOk = o.receiver.requests.findIndex((r) => r.status === 200);
    expect(o.receiver.requests.slice(firstOk).every((r) => r.status === 200)).toBe(true);
  });

  it('backs off exponentially with jitter', () => {
    const mid = () => 0.5;
    expect(retryDelayMs(1, mid, 60_000, 3_600_000)).toBe(45_000);
    expect(retryDelayMs(2, mid, 60_000, 3_600_000)).toBe(90_000);
    expect(retryDelayMs(5, mid, 60_000, 3_600_000)).toBe(720_000);
    expect(retryDelayMs(20, mid, 60_000, 3_600_000)).toBe(2_700_000);
    expect(retryDelayMs(3, () => 0, 60_000, 3_600_000)).toBe(120_000);
    expect(retryDelayMs(3, () => 0.999999, 60_000, 3_600_000)).toBe(239_999);
  });

  it('honours Retry-After on 429 exactly', async () => {
    o = await startOutbox();
    o.add('meta');
    o.receiver.next(slack.rateLimited(120));
    expect(await o.run()).toMatchObject({ retried: 1 });
    const [a] = listAlerts(o.db);
    expect(a!.nextAttemptAt).toBe(new Date(T0.getTime() + 120_000).toISOString());
    expect(a!.lastError).toBe('slack: 429 Too Many Requests (retry after 120 s)');
    o.advance(119_000);
    expect(await o.run()).toMatchObject({ sent: 0 });
    expect(o.receiver.requests).toHaveLength(1);
    o.advance(1_000);
    expect(await o.run()).toMatchObject({ sent: 1 });
  });

  it('marks a permanent failure failed at once, with the answer, without holding back the vendor', async () => {
    o = await startOutbox();
    const [bad] = o.add('meta');
    o.receiver.next(slack.invalidPayload);
    expect(await o.run()).toEqual({ sent: 0, failed: 1, retried: 0, dead: 0, recovered: 0 });
    const failed = listAlerts(o.db, { status: 'failed' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ eventId: bad!.id, channel: 'slack', attempts: 1, lastError: 'slack: 400 invalid_payload' });
    const [next] = o.add('meta');
    expect(await o.run()).toMatchObject({ sent: 1 });
    expect(o.accepted()).toEqual([{ vendor: 'meta', models: [num(next!)] }]);
  });

  it('gives up after maxAttempts: the alert is dead with the last error', async () => {
    o = await startOutbox();
    o.add('meta');
    o.receiver.always(slack.serverError);
    for (let i = 0; i < 3; i++) {
      await o.run({ maxAttempts: 3 });
      o.advance(24 * 60 * MIN);
    }
    const [a] = listAlerts(o.db);
    expect(a).toMatchObject({ status: 'dead', attempts: 3 });
    expect(a!.lastError).toMatch(/^slack: 500 .*\(gave up after 3 attempts\)$/);
    expect(o.receiver.requests).toHaveLength(3);
    await o.run({ maxAttempts: 3 });
    expect(o.receiver.requests).toHaveLength(3);
  });

  it('counts attempts per alert: one that joined a failing batch late is not given up with it', async () => {
    o = await startOutbox();
    const [old] = o.add('meta');
    o.receiver.always(slack.serverError);
    await o.run({ maxAttempts: 3 });
    o.advance(24 * 60 * MIN);
    await o.run({ maxAttempts: 3 });
    o.advance(24 * 60 * MIN);
    const [late] = o.add('meta');
    expect(await o.run({ maxAttempts: 3 })).toMatchObject({ dead: 1, retried: 1 });
    const byEvent = new Map(listAlerts(o.db).map((a) => [a.eventId, a]));
    expect(byEvent.get(old!.id)).toMatchObject({ status: 'dead', attempts: 3 });
    expect(byEvent.get(late!.id)).toMatchObject({ status: 'pending', attempts: 1 });
    o.receiver.always(slack.ok);
    o.advance(24 * 60 * MIN);
    expect(await o.run({ maxAttempts: 3 })).toMatchObject({ sent: 1 });
    expect(o.accepted()).toEqual([{ vendor: 'meta', models: [num(late!)] }]);
  });

  it('dies after 10 attempts by default', async () => {
    o = await startOutbox();
    o.add('meta');
    o.receiver.always(slack.serverError);
    for (let i = 0; i < 12; i++) {
      await o.run();
      o.advance(24 * 60 * MIN);
    }
    expect(listAlerts(o.db)[0]).toMatchObject({ status: 'dead', attempts: 10 });
    expect(o.receiver.requests).toHaveLength(10);
  });

  it('requeues failed and dead alerts on retryAlerts, and never a sent one', async () => {
    o = await startOutbox();
    o.add('meta');
    o.add('google');
    o.add('mistral');
    o.receiver.next(slack.invalidPayload, slack.invalidPayload, slack.ok);
    await o.run();
    expect(statuses(o).sort()).toEqual(['failed', 'failed', 'sent']);
    const sent = listAlerts(o.db, { status: 'sent' })[0]!;
    expect(retryAlerts(o.db, { id: sent.id }, o.clock.t.toISOString())).toBe(0);
    const failed = listAlerts(o.db, { status: 'failed' });
    expect(retryAlerts(o.db, { id: failed[0]!.id }, o.clock.t.toISOString())).toBe(1);
    expect(getAlert(o.db, failed[0]!.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(retryAlerts(o.db, { failed: true }, o.clock.t.toISOString())).toBe(1);
    expect(await o.run()).toMatchObject({ sent: 2 });
    expect(statuses(o)).toEqual(['sent', 'sent', 'sent']);
    expect(
      o
        .accepted()
        .map((m) => m.vendor)
        .sort(),
    ).toEqual(['google', 'meta', 'mistral']);
  });

  it('holds newer alerts of a vendor behind an older one waiting for its retry, then sends them together', async () => {
    o = await startOutbox();
    const [first] = o.add('meta');
    o.receiver.next(slack.serverError);
    await o.run();
    const [second] = o.add('meta');
    const [other] = o.add('google');
    expect(await o.run()).toMatchObject({ sent: 1 }); // google only
    expect(o.accepted()).toEqual([{ vendor: 'google', models: [num(other!)] }]);
    o.advance(2 * MIN);
    expect(await o.run()).toMatchObject({ sent: 2 });
    expect(o.accepted()[1]).toEqual({ vendor: 'meta', models: [num(first!), num(second!)] });
  });

  it('fails alerts of a channel that is no longer configured, with the reason', async () => {
    o = await startOutbox();
    o.add('meta', 1, ['pager']);
    expect(await o.run()).toMatchObject({ failed: 1 });
    expect(listAlerts(o.db, { status: 'failed' })[0]!.lastError).toBe('notify: channel pager is not configured');
  });

  it('treats an error that is not a ChannelError (a bug) as permanent', async () => {
    o = await startOutbox();
    o.add('meta', 1, ['buggy']);
    const buggy: Channel = {
      name: 'buggy',
      send: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
      sendDigest: async () => {},
    };
    o.channels.set('buggy', buggy);
    expect(await o.run()).toMatchObject({ failed: 1 });
    expect(listAlerts(o.db)[0]!.lastError).toBe('notify: buggy: cannot read properties of undefined');
  });

  it('passes display names of vendors to channels', async () => {
    o = await startOutbox();
    o.add('meta', 1, ['rec']);
    const seen: AlertBatch[] = [];
    o.channels.set('rec', { name: 'rec', send: async (b) => void seen.push(b), sendDigest: async () => {} });
    await o.run({ vendorNames: new Map([['meta', 'Meta']]) });
    expect(seen[0]).toMatchObject({ vendorId: 'meta', vendorName: 'Meta' });
  });
});

describe('in-flight alerts (sending)', () => {
  it('are left alone while their lease runs, and taken back after it or at start-up', async () => {
    o = await startOutbox();
    const [e] = o.add('meta');
    const id = listAlerts(o.db)[0]!.id;
    const now = o.clock.t;
    // Another dispatcher claimed it and is sending.
    expect(claimAlerts(o.db, [id], now.toISOString(), new Date(now.getTime() + 10 * MIN).toISOString())).toBe(true);
    expect(await o.run()).toMatchObject({ sent: 0, recovered: 0 });
    expect(o.receiver.requests).toHaveLength(0);
    // Claims are exclusive.
    expect(claimAlerts(o.db, [id], now.toISOString(), now.toISOString())).toBe(false);
    o.advance(10 * MIN);
    expect(await o.run()).toMatchObject({ sent: 1, recovered: 1 });
    expect(getAlert(o.db, id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(o.accepted()).toEqual([{ vendor: 'meta', models: [num(e!)] }]);
  });

  it("are taken back at once with recover: 'all'", async () => {
    o = await startOutbox();
    o.add('meta');
    const id = listAlerts(o.db)[0]!.id;
    claimAlerts(o.db, [id], o.clock.t.toISOString(), new Date(o.clock.t.getTime() + 10 * MIN).toISOString());
    expect(await o.run({ recover: 'all' })).toMatchObject({ sent: 1, recovered: 1 });
  });
});

describe('planBatches', () => {
  it('stops each (channel, vendor) run at the first alert that is not due or in flight', async () => {
    o = await startOutbox();
    o.add('meta', 3);
    o.add('google', 2);
    const ids = listAlerts(o.db).map((a) => a.id);
    o.db.prepare(`UPDATE alerts SET next_attempt_at = '2030-01-01T00:00:00.000Z' WHERE id = ?`).run(ids[1]);
    o.db.prepare(`UPDATE alerts SET status = 'sending' WHERE id = ?`).run(ids[3]);
    const plan = planBatches(loadOutbox(o.db, o.clock.t.toISOString()), 20);
    expect(plan.map((g) => g.map((b) => b.items.map((it) => it.alert.id)))).toEqual([[[ids[0]]]]);
  });
});

function num(e: StoredEvent): number {
  return Number((loose(e).data.name as string).split(' ')[1]);
}
