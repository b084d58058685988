// Shared set-up of the outbox tests: a real database (real migrations), events inserted through
// insertEvents with a router, a Slack channel talking to a loopback receiver, an injected clock.
import type { Db } from '../../src/store/db.js';
import { insertEvents } from '../../src/store/events.js';
import type { StoredEvent } from '../../src/events/index.js';
import type { Channel } from '../../src/notify/channel.js';
import { dispatch, type DispatchOptions, type DispatchSummary } from '../../src/notify/dispatch.js';
import { createSlackChannel } from '../../src/notify/slack.js';
import { slack, startReceiver, type Receiver } from '../helpers/receiver.js';
import { tmpDb } from '../helpers/tmp.js';
import { newEvent } from './fixtures.js';
import { edge } from './http-channels.js';
import { seeded } from '../helpers/prng.js';
import { loose } from '../helpers/events.js';

export const T0 = new Date('2026-04-08T18:00:00.000Z');

export interface Outbox {
  db: Db;
  file: string;
  receiver: Receiver;
  clock: { t: Date };
  channels: Map<string, Channel>;
  /** Inserts one event per name for `vendor`, routed to `channels` (default slack). Names are
   *  `Model <n>` with a global counter, occurredAt increasing with n. */
  add(vendor: string, count?: number, channels?: string[]): ReturnType<typeof loose<StoredEvent>>[];
  advance(ms: number): void;
  run(opts?: DispatchOptions): Promise<DispatchSummary>;
  /** Model numbers in each message the receiver accepted (200), per vendor, in arrival order. */
  accepted(): { vendor: string; models: number[] }[];
  close(): Promise<void>;
}

let counter = 0;

export async function startOutbox(): Promise<Outbox> {
  const { db, file } = tmpDb();
  const receiver = await startReceiver();
  receiver.always(slack.ok);
  const clock = { t: new Date(T0) };
  const now = () => new Date(clock.t);
  const channels = new Map<string, Channel>([['slack', createSlackChannel({ webhookUrl: receiver.url, http: edge(now), now })]]);
  const random = seeded(42);

  return {
    db,
    file,
    receiver,
    clock,
    channels,
    add(vendor, count = 1, chans = ['slack']) {
      const events = Array.from({ length: count }, () => {
        counter++;
        return newEvent({
          kind: 'model.new',
          dedupKey: `outbox:${counter}`,
          vendorId: vendor,
          modelId: `${vendor}/model-${counter}`,
          occurredAt: new Date(Date.UTC(2026, 0, 1) + counter * 60_000).toISOString(),
          summary: `New model number ${counter}.`,
          data: { name: `Model ${counter}`, line: 'open' },
        });
      });
      return db
        .transaction(() => insertEvents(db, events, () => chans, clock.t.toISOString()))
        .immediate()
        .map(loose);
    },
    advance(ms) {
      clock.t = new Date(clock.t.getTime() + ms);
    },
    run: (opts = {}) => dispatch({ db, channels, now, random }, opts),
    accepted() {
      return receiver.requests
        .filter((r) => r.status !== undefined && r.status >= 200 && r.status < 300)
        .map((r) => {
          const body = JSON.parse(r.body) as { text: string; blocks: { text?: { text: string } }[] };
          const sections = body.blocks.filter((b) => b.text && !('elements' in b)).slice(1);
          const models = sections.map((b) => Number(/Model (\d+)/.exec(b.text!.text)![1]));
          const vendor = /^(\S+?):/.exec(body.text)![1]!;
          return { vendor, models };
        });
    },
    async close() {
      receiver.assertClean();
      await receiver.close();
      db.close();
    },
  };
}
