// The recorded responses a replay world is built from: the files under test/fixtures/ (each folder
// has a PROVENANCE.md naming the public repository and commit they were copied from). Read at
// run time from the repository, two folders above this file in src/ and in dist/ alike, so
// `modelwatch demo` works from a clone; an installed package without test/ gets a clear error.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuntimeError } from '../errors.js';

const ROOT = new URL('../../test/fixtures/', import.meta.url);

/** The absolute path of a fixture file (`huggingface/model-info_….json`). */
export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(rel, ROOT));
}

export function readFixture(rel: string): string {
  const file = fixturePath(rel);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RuntimeError(
      `replay: cannot read the recorded fixture ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ` +
        'the replay world needs the test/fixtures/ folder of a modelwatch clone',
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
