// The console channel: the default when no other channel is configured. One readable line per
// alert on an injected stream (stdout by default); a digest prints as its plain text.
import type { AlertBatch, Channel, DigestMessage } from './channel.js';
import { renderAlertLine } from './render/text.js';

export const CONSOLE_CHANNEL = 'console';

export interface ConsoleOptions {
  out?: { write(chunk: string): unknown };
}

export function createConsoleChannel(opts: ConsoleOptions = {}): Channel {
  const out = opts.out ?? process.stdout;
  return {
    name: CONSOLE_CHANNEL,
    async send(batch: AlertBatch) {
      out.write(batch.events.map((e) => renderAlertLine(e, batch.vendorName) + '\n').join(''));
    },
    async sendDigest(digest: DigestMessage) {
      out.write(digest.text.endsWith('\n') ? digest.text : digest.text + '\n');
    },
  };
}
