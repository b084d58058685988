// Kill the dispatcher between sending and marking: a real process, SIGKILLed while its HTTP
// request is at the receiver (received, not yet answered), then a restart on the same database.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { listAlerts } from '../../src/store/alerts.js';
import { startOutbox, T0, type Outbox } from './outbox.js';

const CHILD = fileURLToPath(new URL('./crash-child.mjs', import.meta.url));

let o: Outbox | undefined;
afterEach(async () => {
  await o?.close();
  o = undefined;
});

/** Model numbers in a Slack request body. */
const modelsIn = (body: string): number[] =>
  [...body.matchAll(/Model (\d+)/g)].map((m) => Number(m[1])).filter((n, i, a) => a.indexOf(n) === i);

it('a dispatcher killed between send and mark resends that one message once, and nothing else', async () => {
  o = await startOutbox();
  o.add('google', 1);
  o.add('meta', 2);
  o.add('mistral', 1);
  o.receiver.next('hold'); // the first message reaches the receiver and is never answered

  const child = spawn(process.execPath, [CHILD, o.file, o.receiver.url, T0.toISOString()], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit').then(() => {
    throw new Error(`the child dispatcher exited before sending: ${stderr}`);
  });
  await Promise.race([o.receiver.waitFor(1), exited]);
  exited.catch(() => {});
  child.kill('SIGKILL');
  const [, signal] = await once(child, 'exit');
  expect(signal).toBe('SIGKILL');

  // The crash left the in-flight batch `sending` and the rest untouched.
  const inFlight = modelsIn(o.receiver.requests[0]!.body);
  expect(listAlerts(o.db, { status: 'sending' })).toHaveLength(inFlight.length);
  expect(listAlerts(o.db, { status: 'pending' })).toHaveLength(4 - inFlight.length);
  expect(listAlerts(o.db, { status: 'sent' })).toHaveLength(0);

  // Restart (process start: recover everything that was in flight).
  const summary = await o.run({ recover: 'all' });
  expect(summary).toMatchObject({ recovered: inFlight.length, sent: 4, failed: 0, retried: 0 });
  expect(listAlerts(o.db).every((a) => a.status === 'sent')).toBe(true);

  // Every message that reached the receiver, the held one included.
  const deliveries = new Map<number, number>();
  for (const r of o.receiver.requests) for (const n of modelsIn(r.body)) deliveries.set(n, (deliveries.get(n) ?? 0) + 1);
  expect(deliveries.size).toBe(4);
  for (const [n, count] of deliveries) expect(count).toBe(inFlight.includes(n) ? 2 : 1);
  expect(o.receiver.requests).toHaveLength(4); // 1 held + 3 vendor messages after the restart
});

it('a dispatcher killed after marking resends nothing', async () => {
  o = await startOutbox();
  o.add('meta', 2);
  const child = spawn(process.execPath, [CHILD, o.file, o.receiver.url, T0.toISOString()], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(JSON.parse(out)).toMatchObject({ sent: 2 });
  expect(await o.run({ recover: 'all' })).toMatchObject({ sent: 0, recovered: 0 });
  expect(o.receiver.requests).toHaveLength(1);
});
