// Copies the data files that sit beside the sources (YAML knowledge bases) into dist/.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(ya?ml|json)$/.test(e.name)) {
      const dest = path.join(root, 'dist', path.relative(path.join(root, 'src'), p));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(p, dest);
    }
  }
}
walk(path.join(root, 'src'));
// The end of a successful build: scripts/build-if-stale.mjs compares sources against this file.
fs.writeFileSync(path.join(root, 'dist', '.built'), new Date().toISOString() + '\n');
