// dispatch, alerts and digest through the built CLI, against a loopback Slack receiver and a
// database made through the real migrations.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/events/index.js';
import { insertEvents } from '../../src/store/events.js';
import { runCli } from '../helpers/cli.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { tmpDb, tmpDir } from '../helpers/tmp.js';
import { asEvent, type LooseEvent } from '../helpers/events.js';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function event(i: number, over: Partial<LooseEvent> = {}): NewEvent {
  const at = new Date(Date.now() - (10 - i) * 3_600_000).toISOString();
  return asEvent({
    kind: 'model.license_changed',
    dedupKey: `test:${i}`,
    vendorId: 'meta',
    modelId: `meta-llama/Model-${i}`,
    sourceId: 'hf:meta-llama',
    occurredAt: at,
    seenAt: at,
    summary: `Model-${i} licence changed from llama3.1 to apache-2.0`,
    severity: 'warning',
    data: { from: 'llama3.1', to: 'apache-2.0' },
    evidence: [{ signal: 'license', value: 'apache-2.0', sourceUrl: `https://huggingface.co/meta-llama/Model-${i}`, seenAt: at }],
    baseline: false,
    ...over,
  });
}

function dbWithAlerts(n: number): string {
  const { db, file } = tmpDb();
  insertEvents(
    db,
    Array.from({ length: n }, (_, i) => event(i)),
    () => ['slack'],
    new Date(Date.now() - 60_000).toISOString(),
  );
  db.close();
  return file;
}

describe('outbox commands', () => {
  it('dispatch sends pending alerts to Slack, one message per vendor; alerts lists them as sent', async () => {
    receiver = await startReceiver();
    receiver.always({ status: 200, body: 'ok' });
    const db = dbWithAlerts(3);
    const env = { SLACK_WEBHOOK_URL: receiver.url };
    const r = await runCli(['dispatch', '--json', '--db', db], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 3, failed: 0, dead: 0 });
    expect(receiver.requests).toHaveLength(1); // batched: one message for Meta
    const list = await runCli(['alerts', '--status', 'sent', '--json', '--db', db], { env });
    const rows = JSON.parse(list.stdout) as { status: string; channel: string; summary: string }[];
    expect(rows).toHaveLength(3);
    expect(rows.every((a) => a.status === 'sent' && a.channel === 'slack')).toBe(true);
    const again = await runCli(['dispatch', '--json', '--db', db], { env });
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: 0 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('a permanent failure is visible with its reason, and alerts retry --failed requeues it', async () => {
    receiver = await startReceiver();
    receiver.always({ status: 404, body: 'channel_not_found' });
    const db = dbWithAlerts(1);
    const env = { SLACK_WEBHOOK_URL: receiver.url };
    const r = await runCli(['dispatch', '--db', db], { env });
    expect(r.code).toBe(1);
    const failed = JSON.parse((await runCli(['alerts', '--status', 'failed', '--json', '--db', db], { env })).stdout) as {
      lastError: string;
    }[];
    expect(failed).toHaveLength(1);
    expect(failed[0].lastError).toContain('channel_not_found');
    expect(failed[0].lastError).not.toContain('s3cr3tHookToken');
    const retry = await runCli(['alerts', 'retry', '--failed', '--json', '--db', db], { env });
    expect(JSON.parse(retry.stdout)).toEqual({ requeued: 1 });
    receiver.always({ status: 200, body: 'ok' });
    expect(JSON.parse((await runCli(['dispatch', '--json', '--db', db], { env })).stdout)).toMatchObject({ sent: 1 });
    const bad = await runCli(['alerts', '--status', 'lost', '--db', db]);
    expect(bad.code).toBe(2);
  });

  it('digest prints text within 80 columns, writes HTML to a file, and sends once per week', async () => {
    const db = dbWithAlerts(2);
    const text = await runCli(['digest', '--as-of', new Date().toISOString().slice(0, 10), '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/modelwatch/i);
    for (const line of text.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const out = path.join(tmpDir(), 'digest.html');
    const html = await runCli(['digest', '--as-of', new Date().toISOString().slice(0, 10), '--format', 'html', '--out', out, '--db', db]);
    expect(html.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/<table/);

    receiver = await startReceiver();
    receiver.always({ status: 200, body: 'ok' });
    const env = { SLACK_WEBHOOK_URL: receiver.url };
    const week = (await runCli(['digest', '--as-of', new Date().toISOString().slice(0, 10), '--json', '--db', db])).stdout;
    const weekLabel = JSON.parse(week).week as string;
    const send = await runCli(['digest', '--week', weekLabel, '--send', '--send-empty', '--json', '--db', db], { env });
    expect(send.code).toBe(0);
    expect(JSON.parse(send.stdout)).toMatchObject({ week: weekLabel, status: 'sent', sentTo: ['slack'] });
    const twice = await runCli(['digest', '--week', weekLabel, '--send', '--json', '--db', db], { env });
    expect(JSON.parse(twice.stdout)).toMatchObject({ status: 'already-sent' });
    expect(receiver.requests).toHaveLength(1);
    const bad = await runCli(['digest', '--format', 'pdf', '--db', db]);
    expect(bad.code).toBe(2);
  });
});
