// `npm run bench [-- poll|ingest|query|memory ...]`: runs the benchmarks, each in a fresh child
// process (so one's heap, caches and CPU accounting never leak into the next), each bounded in
// time. Every benchmark prints one table and writes its section of bench/results.json; a
// benchmark that fails is reported and the others still run. Exits 0 unless asked for an
// unknown benchmark.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prepareOut } from './lib/paths.js';

const BENCHMARKS = {
  poll: { load: () => import('./poll.js'), limitSec: 240 },
  ingest: { load: () => import('./ingest.js'), limitSec: 300 },
  query: { load: () => import('./query.js'), limitSec: 330 },
  memory: { load: () => import('./memory.js'), limitSec: 1500 },
  launches: { load: () => import('./launches.js'), limitSec: 60 },
} as const;
type Name = keyof typeof BENCHMARKS;

function isName(s: string): s is Name {
  return Object.hasOwn(BENCHMARKS, s);
}

async function child(name: Name): Promise<void> {
  const mod = await BENCHMARKS[name].load();
  await mod.run();
}

function runChild(name: Name): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', name], { stdio: 'inherit' });
    const timer = setTimeout(() => {
      process.stderr.write(`bench: ${name} exceeded ${BENCHMARKS[name].limitSec} s; stopped\n`);
      c.kill('SIGKILL');
    }, BENCHMARKS[name].limitSec * 1000);
    c.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Date.now() - t0 });
    });
  });
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--child') {
    await child(argv[1] as Name);
    return 0;
  }
  const names = argv.length ? argv : (Object.keys(BENCHMARKS) as Name[]);
  const unknown = names.filter((n) => !isName(n));
  if (unknown.length) {
    process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')} (known: ${Object.keys(BENCHMARKS).join(', ')})\n`);
    return 2;
  }
  prepareOut();
  const t0 = Date.now();
  const summary: string[] = [];
  for (const name of names as Name[]) {
    const r = await runChild(name);
    summary.push(`${name} ${(r.ms / 1000).toFixed(1)} s${r.code === 0 ? '' : ` (FAILED, exit ${r.code})`}`);
  }
  process.stdout.write(`\nbench: ${summary.join(', ')}; total ${((Date.now() - t0) / 1000).toFixed(1)} s; figures in bench/results.json\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
