// Content hashes: what a collector saw (a post, a release's notes, a licence text) hashed, so the
// diff sees an edit as a changed hash.
import { createHash } from 'node:crypto';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
