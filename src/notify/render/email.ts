// Email for alert batches: subject, plain text and HTML (inline styles: mail clients drop
// <style> blocks). Pure. Every interpolated value goes through escapeHtml; links only http(s).
import type { AlertBatch } from '../channel.js';
import { day, eventUrl, headline, vendorLabel, type StoredEvent } from '../../events/index.js';
import { escapeHtml, oneLine, safeUrl, truncate } from './escape.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** `[modelwatch] Meta: Muse Spark released (proprietary, API)` or `[modelwatch] Meta: 3 changes`. */
export function alertSubject(batch: AlertBatch): string {
  const vendor = vendorLabel(batch.vendorId, batch.vendorName);
  const what = batch.events.length === 1 ? headline(batch.events[0]!) : `${batch.events.length} changes`;
  return truncate(oneLine(`[modelwatch] ${vendor}: ${what}`), 200);
}

function evidenceText(e: StoredEvent): string[] {
  return (e.evidence ?? []).map(
    (ev) => `    ${oneLine(`${ev.signal} = ${JSON.stringify(ev.value)} (${ev.sourceUrl ?? 'no URL'}, seen ${ev.seenAt})`)}`,
  );
}

export function renderEmailText(batch: AlertBatch): string {
  const vendor = vendorLabel(batch.vendorId, batch.vendorName);
  const out = [`modelwatch: ${vendor}, ${batch.events.length} change${batch.events.length === 1 ? '' : 's'}`, ''];
  for (const e of batch.events) {
    out.push(`* ${headline(e)}`);
    out.push(`  ${oneLine(e.summary)}`);
    out.push(`  ${e.kind}, ${e.severity}, ${day(e.occurredAt)}`);
    const url = eventUrl(e);
    if (url) out.push(`  ${url}`);
    const ev = evidenceText(e);
    if (ev.length) out.push('  evidence:', ...ev);
    out.push('');
  }
  out.push('-- ', 'Sent by modelwatch. `modelwatch alerts` lists every alert.');
  return out.join('\n');
}

const TD = 'padding:4px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top;font:14px/1.4 Arial,Helvetica,sans-serif;color:#111827';

function eventHtml(e: StoredEvent): string {
  const url = eventUrl(e);
  const head = escapeHtml(headline(e));
  const title = url ? `<a href="${escapeHtml(url)}" style="color:#1d4ed8">${head}</a>` : head;
  const evidence = (e.evidence ?? [])
    .map((ev) => {
      const src = safeUrl(ev.sourceUrl);
      const where = src ? `<a href="${escapeHtml(src)}" style="color:#6b7280">${escapeHtml(src)}</a>` : 'no URL';
      return `<li>${escapeHtml(ev.signal)} = ${escapeHtml(JSON.stringify(ev.value))} (${where}, seen ${escapeHtml(ev.seenAt)})</li>`;
    })
    .join('');
  return (
    `<tr><td style="${TD}"><strong>${title}</strong><br>${escapeHtml(oneLine(e.summary))}` +
    `<br><span style="color:#6b7280;font-size:12px">${escapeHtml(`${e.kind} · ${e.severity} · ${day(e.occurredAt)}`)}</span>` +
    (evidence ? `<ul style="margin:4px 0 0 16px;padding:0;color:#6b7280;font-size:12px">${evidence}</ul>` : '') +
    `</td></tr>`
  );
}

export function renderEmailHtml(batch: AlertBatch): string {
  const vendor = escapeHtml(vendorLabel(batch.vendorId, batch.vendorName));
  const n = batch.events.length;
  return [
    '<!doctype html><html><head><meta charset="utf-8"><title>modelwatch</title></head>',
    '<body style="margin:0;padding:16px;background:#ffffff">',
    `<h2 style="font:bold 18px Arial,Helvetica,sans-serif;color:#111827;margin:0 0 8px">modelwatch: ${vendor}, ${n} change${n === 1 ? '' : 's'}</h2>`,
    '<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;max-width:720px">',
    ...batch.events.map(eventHtml),
    '</table>',
    '<p style="font:12px Arial,Helvetica,sans-serif;color:#6b7280">Sent by modelwatch. <code>modelwatch alerts</code> lists every alert.</p>',
    '</body></html>',
  ].join('\n');
}

export function renderEmailAlert(batch: AlertBatch): EmailContent {
  return { subject: alertSubject(batch), text: renderEmailText(batch), html: renderEmailHtml(batch) };
}
