// The weekly digest job: the last complete week (Monday 09:00 to Monday 09:00 in MODELWATCH_TZ),
// built from the history and sent once through the configured channels.
import type { Config } from '../config/index.js';
import { collectDigestData } from '../digest/data.js';
import { sendDigest, type SendDigestResult } from '../digest/send.js';
import type { DigestData } from '../digest/types.js';
import { lastCompleteWeek, weekContaining, weekRange, type WeekRange } from '../digest/week.js';
import type { Channel } from '../notify/channel.js';
import type { Db } from '../store/db.js';

export interface DigestDeps {
  db: Db;
  config: Config;
  channels: ReadonlyMap<string, Channel>;
  now: () => Date;
  log?: (line: string) => void;
}

/** The week to report: `2026-W15`, the week containing `asOf`, or the last complete week. */
export function digestWeek(config: Config, now: Date, sel: { week?: string; asOf?: Date } = {}): WeekRange {
  if (sel.week) return weekRange(sel.week, config.env.tz);
  if (sel.asOf) return weekContaining(sel.asOf, config.env.tz);
  return lastCompleteWeek(now, config.env.tz);
}

export function buildDigest(db: Db, config: Config, range: WeekRange): DigestData {
  return collectDigestData(db, {
    weekStart: range.start.toISOString(),
    weekEnd: range.end.toISOString(),
    tz: config.env.tz,
    vendors: new Map(
      config.vendors.map((v) => [v.id, { name: v.name, strategy: v.strategy, recencyBandDays: v.thresholds.recencyBandsDays[0] }]),
    ),
  });
}

export async function runWeeklyDigest(
  deps: DigestDeps,
  opts: { sendEmpty?: boolean } = {},
): Promise<SendDigestResult & { sent: boolean; reason: string }> {
  const range = digestWeek(deps.config, deps.now());
  const data = buildDigest(deps.db, deps.config, range);
  const r = await sendDigest({ db: deps.db, channels: deps.channels, now: deps.now, log: deps.log }, data, {
    sendEmpty: opts.sendEmpty ?? deps.config.env.digestSendEmpty,
  });
  return { ...r, sent: r.status === 'sent' || r.status === 'partial', reason: r.status };
}
