// Builds dist/ once before the suite, so tests that start `modelwatch` as a child process run
// the same compiled code a user runs. Type errors are the typecheck step's job (npm test runs
// it first): tsc still emits on them, and the child-process tests fail on their own if that breaks.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  // The demo world (demo/world/ → dist/world/), which `modelwatch demo` loads.
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.demo.json'], { cwd: root, stdio: 'ignore' });
  const copy = spawnSync(process.execPath, ['scripts/copy-assets.mjs'], { cwd: root, stdio: 'inherit' });
  if (copy.status !== 0) throw new Error('global-setup: copying assets into dist/ failed');
}
