// Builds dist/ only when a source is newer than the last build (`npm run demo` and `npm start` would
// otherwise recompile every time: 25 s and 500 MB for a 3 s demo). The build writes dist/.built.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stamp = path.join(root, 'dist', '.built');

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

const inputs = [
  'src',
  'demo/world',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.demo.json',
  'package.json',
  'scripts/copy-assets.mjs',
].map((p) => path.join(root, p));
const built = newest(stamp);
if (built && Math.max(...inputs.map(newest)) <= built) process.exit(0);
const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(r.status ?? 1);
