// The recorded responses a replay world is built from: demo/recordings/ (copies of test/fixtures/
// files; demo/recordings/PROVENANCE.md names the public repository and commit of each), shipped
// with the package. Found two folders above this file, from its TypeScript (demo/world/) and from
// its build (dist/world/) alike. Nothing here reads test/: the packed package has no test folder.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHIPPED = new URL('../../demo/recordings/', import.meta.url);

/** The folder the recordings are read from. */
export const RECORDINGS_DIR = fileURLToPath(SHIPPED);

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
 * The recordings the demo needs that are not there: the demo command checks this before anything
 * listens (an install without demo/recordings/ would otherwise fail in the middle of a request).
 */
export function missingDemoRecordings(): string[] {
  return DEMO_RECORDINGS.filter((rel) => !fs.existsSync(fixturePath(rel)));
}

/** The absolute path of a recording (`huggingface/model-info_….json`). */
function fixturePath(rel: string): string {
  return fileURLToPath(new URL(rel, SHIPPED));
}

export function readFixture(rel: string): string {
  const file = fixturePath(rel);
  recordingsRead.add(rel);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `replay: cannot read the recording ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ` +
        'the demo needs the demo/recordings/ folder of the modelwatch package (reinstall it)',
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
