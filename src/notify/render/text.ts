// One readable line per alert (console channel, logs). Pure; control characters removed so a
// vendor string cannot move the cursor or forge extra lines.
import { day, eventUrl, headline, type StoredEvent } from '../../events/index.js';
import { oneLine } from './escape.js';

/** `2026-04-08 meta [notice] Muse Spark released (proprietary, API) https://...` */
export function renderAlertLine(e: StoredEvent, vendorName?: string): string {
  const vendor = vendorName ?? e.vendorId ?? '-';
  const url = eventUrl(e);
  return oneLine(`${day(e.occurredAt)} ${vendor} [${e.severity}] ${headline(e)}${url ? ` ${url}` : ''}`);
}
