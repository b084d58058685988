// Sends a week's digest through the configured channels, once per week: the `digests` row
// records which channels have it, so a second run sends nothing, and a run after a partial
// failure sends only to the channels that missed it. A week with nothing new is not sent
// unless `sendEmpty` (MODELWATCH_DIGEST_SEND_EMPTY=1). Email gets HTML + text, Slack gets
// blocks, the webhook gets the data as JSON, the console the text. One sender at a time: the
// week is claimed in the database before anything is sent (a sender that finds it claimed sends
// nothing); a claim of a sender that died expires after CLAIM_MS, so a crash mid-send repeats
// at most the messages of that one send.
import type { Channel } from '../notify/channel.js';
import { randomBytes } from 'node:crypto';
import { addDigestChannel, claimDigest, ensureDigest, getDigest, markDigestSent, releaseDigestClaim } from '../store/digests.js';
import type { Db } from '../store/db.js';
import { renderChart } from './chart.js';
import { digestMessage } from './render/index.js';
import { headlineCounts, isEmpty } from './summary.js';
import type { DigestData } from './types.js';

export interface SendDigestDeps {
  db: Db;
  channels: ReadonlyMap<string, Channel>;
  now: () => Date;
  log?: (line: string) => void;
}

export interface SendDigestOptions {
  /** Send even when nothing happened in the week (default false). */
  sendEmpty?: boolean;
}

export interface SendDigestResult {
  week: string;
  /** `sent`: every channel has it now; `partial`: some failed (run again to retry them);
   *  `already-sent`: an earlier run sent it; `empty`: nothing happened, nothing sent;
   *  `in-progress`: another sender has claimed the week and is sending it now. */
  status: 'sent' | 'partial' | 'already-sent' | 'empty' | 'in-progress';
  sentTo: string[];
  failed: { channel: string; error: string; transient: boolean }[];
}

export async function sendDigest(deps: SendDigestDeps, data: DigestData, opts: SendDigestOptions = {}): Promise<SendDigestResult> {
  const log = deps.log ?? (() => {});
  const result: SendDigestResult = { week: data.week, status: 'sent', sentTo: [], failed: [] };
  const existing = getDigest(deps.db, data.week);
  if (existing?.sentAt) return { ...result, status: 'already-sent' };
  if (isEmpty(data) && !opts.sendEmpty) {
    log(`digest: ${data.week}: nothing happened, not sent`);
    return { ...result, status: 'empty' };
  }
  ensureDigest(deps.db, data.week, { counts: headlineCounts(data) }, deps.now().toISOString());
  const claimant = `${process.pid}:${randomBytes(4).toString('hex')}`;
  const nowMs = deps.now().getTime();
  if (!claimDigest(deps.db, data.week, claimant, new Date(nowMs).toISOString(), new Date(nowMs + CLAIM_MS).toISOString())) {
    const again = getDigest(deps.db, data.week);
    if (again?.sentAt) return { ...result, status: 'already-sent' };
    log(`digest: ${data.week}: another sender is sending it now; not sent again`);
    return { ...result, status: 'in-progress' };
  }
  try {
    return await sendClaimed(deps, data, result, log);
  } finally {
    releaseDigestClaim(deps.db, data.week, claimant);
  }
}

/** How long a claim holds: longer than one send to every channel (60 s deadline each). */
export const CLAIM_MS = 10 * 60_000;

async function sendClaimed(
  deps: SendDigestDeps,
  data: DigestData,
  result: SendDigestResult,
  log: (line: string) => void,
): Promise<SendDigestResult> {
  // Read after the claim: a sender that finished just before must not be repeated.
  const row = getDigest(deps.db, data.week)!;
  if (row.sentAt) return { ...result, status: 'already-sent' };
  // The chart is drawn once for every channel; a digest without it is still sent.
  const chart = await renderChart(data).catch((err: Error) => (log(`digest: ${data.week}: chart not drawn: ${err.message}`), null));
  const message = digestMessage(data, chart);
  for (const [name, channel] of deps.channels) {
    if (row.channels.includes(name)) continue;
    try {
      await channel.sendDigest(message);
      addDigestChannel(deps.db, data.week, name);
      result.sentTo.push(name);
    } catch (err) {
      const e = err as { message?: string; transient?: boolean };
      result.failed.push({ channel: name, error: e.message ?? String(err), transient: e.transient === true });
      log(`digest: ${data.week}: ${e.message ?? String(err)}`);
    }
  }
  if (result.failed.length) return { ...result, status: 'partial' };
  markDigestSent(deps.db, data.week, deps.now().toISOString());
  log(`digest: ${data.week}: sent to ${result.sentTo.join(', ') || 'no new channel'}`);
  return result;
}
