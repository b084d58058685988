// Where things are. The benchmarks run from bench/out/bench/ (compiled by bench/tsconfig.json,
// with the sources they import compiled beside them in bench/out/src/); the CLI benchmarks run
// the built command, bin/modelwatch.js → dist/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package-lock.json')) && fs.existsSync(path.join(dir, 'bench'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('bench: cannot find the repository root (package-lock.json)');
    dir = up;
  }
}

export const ROOT = findRoot();
export const BENCH_DIR = path.join(ROOT, 'bench');
export const OUT_DIR = path.join(BENCH_DIR, 'out');
export const RESULTS_FILE = path.join(BENCH_DIR, 'results.json');
export const BIN = path.join(ROOT, 'bin', 'modelwatch.js');
export const FEEDS_DIR = path.join(ROOT, 'feeds');

/**
 * The compiled sources in bench/out/src/ look for their data files next to themselves, as dist/
 * does: licenses.yaml (classify), ../package.json (version, user agent), ../../migrations/
 * (store). Copies them there, like scripts/copy-assets.mjs does for dist/.
 */
export function prepareOut(): void {
  const copyTree = (from: string, to: string, keep: (name: string) => boolean) => {
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      const src = path.join(from, e.name);
      const dest = path.join(to, e.name);
      if (e.isDirectory()) copyTree(src, dest, keep);
      else if (keep(e.name)) {
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.copyFileSync(src, dest);
      }
    }
  };
  copyTree(path.join(ROOT, 'src'), path.join(OUT_DIR, 'src'), (n) => /\.(ya?ml|json)$/.test(n));
  copyTree(path.join(ROOT, 'migrations'), path.join(OUT_DIR, 'migrations'), (n) => n.endsWith('.sql'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(OUT_DIR, 'package.json'));
}

/** A fresh temporary folder for one benchmark (removed by the caller with `rmTemp`). */
export function makeTemp(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `modelwatch-bench-${name}-`));
}

export function rmTemp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Whether an executable is on this machine (the sqlite3 reference is optional). */
export function which(cmd: string, candidates: string[] = []): string | null {
  const dirs = [...candidates.map((c) => path.dirname(c)), ...(process.env.PATH ?? '').split(path.delimiter)];
  for (const d of dirs) {
    const p = path.join(d, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}
