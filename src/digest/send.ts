// Sends a week's digest through the configured channels, once per week: the `digests` row
// records which channels have it, so a second run sends nothing, and a run after a partial
// failure sends only to the channels that missed it. A week with nothing new is not sent
// unless `sendEmpty` (MODELWATCH_DIGEST_SEND_EMPTY=1). Email gets HTML + text, Slack gets
// blocks, the webhook gets the data as JSON, the console the text. One sender at a time (the
// scheduler, or the command): two concurrent runs for the same week could both send.
import type { Channel } from '../notify/channel.js';
import { addDigestChannel, ensureDigest, getDigest, markDigestSent } from '../store/digests.js';
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
   *  `already-sent`: an earlier run sent it; `empty`: nothing happened, nothing sent. */
  status: 'sent' | 'partial' | 'already-sent' | 'empty';
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
  const row = ensureDigest(deps.db, data.week, { counts: headlineCounts(data) }, deps.now().toISOString());
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
