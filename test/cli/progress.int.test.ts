// `modelwatch poll` shows a progress bar on a terminal and nothing on a pipe (long first runs).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { Io } from '../../src/commands/io.js';
import { tmpDir } from '../helpers/tmp.js';

/** A loopback server answering 410 Gone: a permanent error, so each poll fails at once. */
async function goneServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const srv = http.createServer((_req, res) => res.writeHead(410, { 'content-type': 'text/plain' }).end('gone'));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  return { port, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

function io(tty: boolean): Io & { err: string; out: string } {
  const o = { out: '', err: '' } as Io & { err: string; out: string };
  o.stdout = { write: (s: string) => ((o.out += s), true), isTTY: tty } as never;
  o.stderr = { write: (s: string) => ((o.err += s), true), isTTY: tty } as never;
  o.env = {};
  return o;
}

describe('poll progress', () => {
  it('draws a bar per finished source on a terminal, nothing on a pipe', async () => {
    const server = await goneServer();
    const port = server.port;
    const dir = tmpDir();
    fs.writeFileSync(
      path.join(dir, 't.yaml'),
      `vendor: T\nlines: {}\nsources:\n  - feed: http://127.0.0.1:${port}/a.xml\n  - feed: http://127.0.0.1:${port}/b.xml\n`,
    );
    const args = ['poll', '--no-dispatch', '--feeds', dir, '--db', path.join(dir, 'mw.db')];
    const tty = io(true);
    expect(await main(args, tty)).toBe(1); // both sources failed: exit 1, errors recorded
    expect(tty.err).toContain('] 1/2 ');
    expect(tty.err).toContain('[########################] 2/2 ');
    const pipe = io(false);
    expect(await main(args, pipe)).toBe(1);
    expect(pipe.err).not.toContain('/2 ');
    expect(pipe.out).toContain('410');
    await server.close();
  });
});
