// The conditional GET of one document (a feed or a page) that both document collectors share:
// stored validators sent back, a body cap, the caller's wait limit and abort signal; a 304 is
// "nothing new"; any other non-2xx is a source error.
import type { HttpResponse } from '../http/index.js';
import { statusError, toSourceError } from './errors.js';
import type { CollectResult, CollectorContext } from './types.js';

export type DocumentFetch =
  | { notModified: true; result: CollectResult }
  | { notModified: false; res: HttpResponse; base: Omit<CollectResult, 'observations' | 'notModified'> };

export async function fetchDocument(ctx: CollectorContext, o: { label: string; accept: string; maxBytes: number }): Promise<DocumentFetch> {
  const url = ctx.source.target;
  const stored = ctx.validators.get(url);
  let res: HttpResponse;
  try {
    res = await ctx.http.request({
      url,
      label: o.label,
      headers: { accept: o.accept },
      ...(stored && { validators: stored }),
      maxBytes: o.maxBytes,
      ...(ctx.maxWaitMs !== undefined && { maxWaitMs: ctx.maxWaitMs }),
      ...(ctx.signal && { signal: ctx.signal }),
    });
  } catch (err) {
    throw toSourceError(o.label, err);
  }
  const base = { validators: [{ url, validators: res.validators }], cursor: ctx.cursor, requests: res.attempts };
  if (res.notModified) return { notModified: true, result: { ...base, observations: [], notModified: 1 } };
  if (res.status < 200 || res.status >= 300) throw statusError(o.label, res.status, url);
  return { notModified: false, res, base };
}
