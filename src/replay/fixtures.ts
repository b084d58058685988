// The recorded responses a replay world is built from. The ones `modelwatch demo` needs ship with
// the package under demo/recordings/ (copies of test/fixtures/ files; demo/recordings/PROVENANCE.md
// names the public repository and commit of each), found two folders above this file in src/ and
// dist/ alike. In a clone, a recording not shipped there is read from test/fixtures/.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuntimeError } from '../errors.js';

const SHIPPED = new URL('../../demo/recordings/', import.meta.url);
const CLONE = new URL('../../test/fixtures/', import.meta.url);

/** Every recording the spring-2026 world reads: what the package must ship under demo/recordings/. */
export const DEMO_RECORDINGS = [
  'huggingface/model-info_meta-llama_Llama-3.1-8B-Instruct_2025-03-21.json',
  'huggingface/model-info_meta-llama_Meta-Llama-3-8B-Instruct_2025-03-21.json',
  'huggingface/model-info_meta-llama_Meta-Llama-3-70B-Instruct_2025-03-21.json',
  'github/release-assets.raw-fixture.json',
  'vendors/google_ai_rss.xml',
] as const;

/** The recordings read so far in this process (a test checks they are all in DEMO_RECORDINGS). */
export const recordingsRead = new Set<string>();

/**
 * Fails at once, before anything listens, when a recording the demo needs is missing (an install
 * without demo/recordings/ would otherwise fail in the middle of a request).
 */
export function assertDemoRecordings(): void {
  const missing = DEMO_RECORDINGS.filter((rel) => !fs.existsSync(fileURLToPath(new URL(rel, SHIPPED))));
  if (missing.length) {
    throw new RuntimeError(
      `demo: missing ${missing.length} recorded response(s) under ${fileURLToPath(SHIPPED)}: ${missing.join(', ')}; ` +
        'the modelwatch package ships them in demo/recordings/ (reinstall it)',
    );
  }
}

/** The absolute path of a recording (`huggingface/model-info_….json`): shipped first, else the clone's. */
export function fixturePath(rel: string): string {
  const shipped = fileURLToPath(new URL(rel, SHIPPED));
  return fs.existsSync(shipped) ? shipped : fileURLToPath(new URL(rel, CLONE));
}

export function readFixture(rel: string): string {
  const file = fixturePath(rel);
  recordingsRead.add(rel);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RuntimeError(
      `replay: cannot read the recording ${fileURLToPath(new URL(rel, SHIPPED))} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ` +
        'the demo needs the demo/recordings/ folder of the modelwatch package (reinstall it, or run from a clone)',
      { cause: err },
    );
  }
}

export function readJsonFixture<T>(rel: string): T {
  return JSON.parse(readFixture(rel)) as T;
}

/** A recorded Hugging Face interaction (test/fixtures/huggingface/PROVENANCE.md). */
export interface HfRecording {
  request: { method: string; url: string };
  response: { status: number; statusText: string; headers: Record<string, string>; body: unknown };
  source: { repo: string; commit: string; path: string };
}

/** A recorded GitHub interaction in nock format (test/fixtures/github/PROVENANCE.md). */
export interface NockInteraction {
  method: string;
  path: string;
  status: number;
  response: unknown;
  rawHeaders: string[];
}
