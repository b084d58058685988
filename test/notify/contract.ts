// The one contract every alert channel passes (unstorage's testDriver()): a real receiver on
// loopback, one delivery attempt per call, errors that say whether to retry, secrets that never
// leak, and hostile vendor text that arrives inert. Each channel's own test file adds its quirks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError, type AlertBatch, type Channel, type DigestMessage } from '../../src/notify/channel.js';
import { HOSTILE_MODEL, HOSTILE_TITLE, hostileEvents, stored } from './fixtures.js';

export interface ContractHarness {
  channel: Channel;
  /** Injected clock of the channel. */
  now: Date;
  /** What the receiver accepted, one string per message (raw body or raw mail). */
  delivered(): string[];
  /** Absent for channels that cannot fail (console). */
  failures?: {
    /** Next attempt meets a transient failure (HTTP 500, SMTP 451). */
    transient(): void;
    /** Next attempt is rate-limited for `seconds` (HTTP 429 Retry-After; SMTP 421/452). */
    rateLimited(seconds: number): void;
    /** Next attempt is refused for good (HTTP 400 invalid_payload, SMTP 550). */
    permanent(): void;
    /** The receiver's words for `permanent()`, which the error must carry. */
    permanentAnswer: string;
    /** True when the protocol carries a retry time (HTTP Retry-After). */
    retryAfter: boolean;
  };
  /** Asserts that one delivered message shows both hostile strings as inert text. */
  assertInert(message: string): void;
  /** Strings that must never appear in an error (webhook URL path, SMTP password). */
  secrets: string[];
  close(): Promise<void>;
}

export const batchOf = (events = [stored(1)]): AlertBatch => ({ vendorId: 'meta', vendorName: 'Meta', events });

export const sampleDigest = (): DigestMessage => ({
  week: '2026-W15',
  subject: '[modelwatch] Weekly digest 2026-W15',
  text: 'modelwatch weekly digest 2026-W15\n',
  html: '<!doctype html><p>modelwatch weekly digest 2026-W15</p>',
  markdown: '# modelwatch weekly digest 2026-W15\n',
  slack: { text: 'modelwatch weekly digest 2026-W15', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*2026-W15*' } }] },
  data: { week: '2026-W15' },
});

async function failureOf(p: Promise<void>): Promise<ChannelError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the send should have failed').toBeInstanceOf(ChannelError);
  return err as ChannelError;
}

function expectNoSecret(h: ContractHarness, err: unknown): void {
  const seen = JSON.stringify({ message: (err as Error).message, stack: (err as Error).stack, cause: String((err as Error).cause ?? '') });
  for (const s of h.secrets) expect(seen).not.toContain(s);
}

/** `canFail: false` for channels without failure modes (console): the failure tests are then
 *  not registered for it (there is nothing to provoke). */
export function channelContract(name: string, start: () => Promise<ContractHarness>, caps: { canFail: boolean } = { canFail: true }): void {
  describe(`channel contract: ${name}`, () => {
    let h: ContractHarness;
    beforeEach(async () => {
      h = await start();
    });
    afterEach(async () => {
      await h.close();
    });

    it('delivers a batch as one message that names what happened', async () => {
      await h.channel.send(
        batchOf([stored(1), stored(2, { data: { name: 'Llama 5', line: 'open', level: '3b' }, summary: 'Llama 5 weights published.' })]),
      );
      const got = h.delivered();
      expect(got).toHaveLength(1);
      expect(got[0]).toContain('Muse Spark');
      expect(got[0]).toContain('Llama 5');
    });

    it('delivers a digest', async () => {
      await h.channel.sendDigest(sampleDigest());
      expect(h.delivered()).toHaveLength(1);
      expect(h.delivered()[0]).toContain('2026-W15');
    });

    it('delivers hostile vendor text inert', async () => {
      await h.channel.send(batchOf(hostileEvents()));
      const [msg] = h.delivered();
      expect(msg).toBeDefined();
      h.assertInert(msg!);
    });

    if (caps.canFail) {
      it('reports a transient failure as transient, without secrets', async () => {
        h.failures!.transient();
        const err = await failureOf(h.channel.send(batchOf()));
        expect(err.transient).toBe(true);
        expect(err.message.startsWith(`${name}: `)).toBe(true);
        expectNoSecret(h, err);
        expect(h.delivered()).toHaveLength(0);
      });

      it('reports a rate limit as transient, with the retry time when the protocol has one', async () => {
        h.failures!.rateLimited(120);
        const err = await failureOf(h.channel.send(batchOf()));
        expect(err.transient).toBe(true);
        if (h.failures!.retryAfter) expect(err.retryAt?.getTime()).toBe(h.now.getTime() + 120_000);
        else expect(err.retryAt).toBeUndefined();
        expectNoSecret(h, err);
      });

      it('reports a permanent refusal as permanent, with the receiver answer, without secrets', async () => {
        h.failures!.permanent();
        const err = await failureOf(h.channel.send(batchOf()));
        expect(err.transient).toBe(false);
        expect(err.message).toContain(h.failures!.permanentAnswer);
        expectNoSecret(h, err);
      });

      it('recovers after a failure: the next attempt goes through', async () => {
        h.failures!.transient();
        await failureOf(h.channel.send(batchOf()));
        await h.channel.send(batchOf());
        expect(h.delivered()).toHaveLength(1);
      });
    }
  });
}

export { HOSTILE_MODEL, HOSTILE_TITLE };
