// The documentation lives in the repository (issue #14, finding 5): the definitions are in
// docs/domain.md, and neither the README nor the code sends a reader outside the clone.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('docs/domain.md', () => {
  it('holds the definitions: levels, sides, releases, metrics, events', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/domain.md'), 'utf8');
    for (const heading of ['## Words', '## Openness levels', '## Gap metrics']) expect(doc).toContain(heading);
    for (const word of ['**release**', '**side**', '**event**', '| M1 |', '| M6 |', '| 3b |']) expect(doc).toContain(word);
  });

  it('the README and the sources link to it, never to ../shared/DOMAIN.md', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/domain.md)');
    for (const f of ['README.md', ...files('src')]) expect(fs.readFileSync(path.join(ROOT, f), 'utf8'), f).not.toMatch(/DOMAIN\.md/);
  });
});
