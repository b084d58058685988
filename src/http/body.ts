// Reads a response body while counting bytes, so an oversized or endless body is cut off as
// soon as it passes the cap instead of being buffered first and checked afterwards.

export class BodyTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
    readonly declared: boolean,
  ) {
    super(`response body ${declared ? 'declares' : 'exceeds'} ${bytes} bytes, over the ${maxBytes}-byte cap`);
    this.name = 'BodyTooLargeError';
  }
}

/** The decoded body (fetch has already undone gzip/deflate/br) of at most `maxBytes` bytes. */
export async function readCappedBody(res: Response, maxBytes: number): Promise<Buffer> {
  // Content-Length counts encoded bytes; the decoded body is at least as large in practice,
  // so a declared length over the cap is rejected before reading anything.
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discardBody(res);
    throw new BodyTooLargeError(declared, maxBytes, true);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(total, maxBytes, false);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Frees the connection of a response whose body nobody will read (redirects, retried 5xx). */
export async function discardBody(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}
