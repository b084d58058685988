// Runs every case of the given test files alone (`vitest run FILE -t "^<full name>$"`, one vitest
// per case) and says which pass on their own: a case that passes only after the cases before it
// chains state. Not part of npm test (one vitest start per case); for example:
//   node test/helpers/cases-alone.mjs test/scenarios/meta-muse.int.test.ts
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const VITEST = path.resolve('node_modules/vitest/vitest.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cases-alone-'));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let failed = 0;

for (const file of process.argv.slice(2)) {
  const list = path.join(tmp, 'list.json');
  spawnSync(process.execPath, [VITEST, 'list', file, `--json=${list}`], { stdio: 'ignore' });
  const names = JSON.parse(fs.readFileSync(list, 'utf8')).map((t) => t.name);
  let pass = 0;
  for (const name of names) {
    const out = path.join(tmp, 'one.json');
    fs.rmSync(out, { force: true });
    // vitest matches -t against the describe titles and the case title joined by spaces.
    const pattern = `^${escape(name.replaceAll(' > ', ' '))}$`;
    spawnSync(process.execPath, [VITEST, 'run', file, '-t', pattern, '--reporter=json', `--outputFile=${out}`], { stdio: 'ignore' });
    const r = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : null;
    const ok = r !== null && r.numPassedTests === 1 && r.numFailedTests === 0;
    if (ok) pass++;
    console.log(`  ${ok ? 'pass' : 'FAIL'}  ${name}`);
  }
  console.log(`${file}: ${pass}/${names.length} cases pass alone`);
  failed += names.length - pass;
}
fs.rmSync(tmp, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
