// The demo's recorded data ships with the package (demo/recordings/): every recording the
// spring-2026 world reads is listed there, and each is the same bytes as its test/fixtures/ original.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_RECORDINGS, recordingsRead } from '../../demo/world/fixtures.js';
import { startScenario } from './harness.js';

const at = (dir: string, rel: string) => fileURLToPath(new URL(`../../${dir}/${rel}`, import.meta.url));

describe('demo/recordings', () => {
  it('holds byte-identical copies of the test fixtures it names', () => {
    for (const rel of DEMO_RECORDINGS)
      expect(fs.readFileSync(at('demo/recordings', rel)).equals(fs.readFileSync(at('test/fixtures', rel))), rel).toBe(true);
  });

  it('lists every recording a full run of the world reads', async () => {
    recordingsRead.clear();
    const s = await startScenario();
    try {
      await s.runTo(s.world.steps);
    } finally {
      await s.close();
    }
    expect(recordingsRead.size).toBeGreaterThan(0);
    expect([...recordingsRead].filter((r) => !(DEMO_RECORDINGS as readonly string[]).includes(r))).toEqual([]);
  });

  it('is in the package files and the Docker image', () => {
    const pkg = JSON.parse(fs.readFileSync(at('.', 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('demo');
    expect(fs.readFileSync(at('.', 'Dockerfile'), 'utf8')).toMatch(/^COPY demo \.\/demo$/m);
  });
});
