// The parent's side of lib/world-server.ts: forks it, waits for its URL, and talks to it over IPC.
// Also writes the feeds/ folder that configures modelwatch for the world (one YAML file per
// vendor, with the vendor's real lines from the project's feeds/ and the world's sources).
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { FEEDS_DIR } from './paths.js';
import type { ChangeReport, ServerStats } from './world-server.js';
import { PAGE_SELECT, sourceRefs, type SourceRef, type WorldSpec } from './world.js';

export interface WorldHandle {
  url: string;
  replayModule: string;
  pid: number;
  stats(): Promise<ServerStats>;
  resetStats(): Promise<void>;
  change(kind: string): Promise<ChangeReport>;
  close(): Promise<void>;
}

export async function startWorld(spec: WorldSpec): Promise<WorldHandle> {
  const file = fileURLToPath(new URL('./world-server.js', import.meta.url));
  const child: ChildProcess = fork(file, [JSON.stringify(spec)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<{ url: string; replayModule: string }>((resolve, reject) => {
    pending.set(0, { resolve: resolve as (v: unknown) => void, reject });
    child.once('exit', (code) => reject(new Error(`bench world: the server exited early (${code})`)));
  });
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  const call = <T>(cmd: string, arg?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, arg });
    });
  const { url, replayModule } = await ready;
  return {
    url,
    replayModule,
    pid: child.pid!,
    stats: () => call<ServerStats>('stats'),
    resetStats: () => call<void>('reset-stats'),
    change: (kind) => call<ChangeReport>('change', kind),
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ id: next++, cmd: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The source entry of feeds/<vendor>.yaml for one world source. */
function sourceEntry(s: SourceRef, base: string, interval?: string): Record<string, unknown> {
  const extra = interval ? { interval } : {};
  switch (s.kind) {
    case 'huggingface':
      return { huggingface: s.target, ...extra };
    case 'github':
      return { github: s.target, ...extra };
    case 'feed':
      return { feed: `${base}${s.target}`, ...extra };
    case 'page':
      return { page: `${base}${s.target}`, select: { ...PAGE_SELECT }, ...extra };
  }
}

/**
 * Writes `dir/<vendor>.yaml` for every vendor of the project's feeds/ (its name, lines and
 * thresholds, with the world's sources instead of the real ones). JSON is valid YAML.
 */
export function writeFeeds(dir: string, spec: WorldSpec, base: string, interval?: string): { sources: number } {
  fs.mkdirSync(dir, { recursive: true });
  const refs = sourceRefs(spec);
  for (const f of fs.readdirSync(FEEDS_DIR).filter((n) => /\.ya?ml$/.test(n) && n !== 'overrides.yaml')) {
    const id = f.replace(/\.ya?ml$/, '');
    const real = parseYaml(fs.readFileSync(path.join(FEEDS_DIR, f), 'utf8')) as Record<string, unknown>;
    const doc = { ...real, sources: refs.filter((r) => r.vendor === id).map((r) => sourceEntry(r, base, interval)) };
    fs.writeFileSync(path.join(dir, `${id}.yaml`), JSON.stringify(doc, null, 1) + '\n');
  }
  fs.writeFileSync(path.join(dir, 'overrides.yaml'), 'overrides: []\n');
  return { sources: refs.length };
}
