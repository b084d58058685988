// The demo runs wherever modelwatch is installed (issue #14, finding 4): the package is packed with
// `npm pack`, installed from the tarball into an empty folder (from the npm cache: no network), and
// `modelwatch demo` runs there, outside any clone, to its end.
//
// Installed with --ignore-scripts, so better-sqlite3 is not compiled again (four minutes on two
// cores); its binary is copied from this checkout's node_modules, built for the same Node.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

let dir: string;
let bin: string;

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  dir = tmpDir('modelwatch-packed-');
  // dist/ is current (the e2e global setup built it): pack what is there without rebuilding.
  const tgz = npm(['pack', '--ignore-scripts', '--pack-destination', dir], ROOT).trim().split('\n').pop()!;
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{"name":"packed-demo-test","version":"1.0.0","private":true}\n');
  try {
    npm(['install', '--offline', '--ignore-scripts', path.join(dir, tgz)], app);
  } catch {
    // A cache without some package's metadata: let npm fill the gap from the registry.
    npm(['install', '--prefer-offline', '--ignore-scripts', path.join(dir, tgz)], app);
  }
  const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  fs.mkdirSync(path.dirname(path.join(app, native)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, native), path.join(app, native));
  bin = path.join(app, 'node_modules', 'modelwatch', 'bin', 'modelwatch.js');
}, 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('modelwatch demo from the packed package', () => {
  it('the package holds the demo recordings and no test folder', () => {
    const pkg = path.dirname(path.dirname(bin));
    expect(fs.existsSync(path.join(pkg, 'test'))).toBe(false);
    expect(fs.existsSync(path.join(pkg, 'demo', 'recordings', 'PROVENANCE.md'))).toBe(true);
  });

  it('runs to its end: alerts, the gap and the digest', () => {
    const out = spawnSync(process.execPath, [bin, 'demo'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: dir },
    });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Step 8/8');
    expect(out.stdout).toMatch(/alert {2}2026-04-16 Meta \[warning\]/);
    expect(out.stdout).toContain('Gap as of 2026-08-11 09:00 UTC');
    // The gap table fits 100 columns (the alert lines before it are prose, not a table).
    const table = out.stdout.slice(out.stdout.indexOf('Gap as of'), out.stdout.indexOf('Weekly digest'));
    for (const line of table.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    expect(table).toMatch(/^ {2}Meta +Muse: Muse Glimmer/m);
    const digest = /written to (\S+\.html)/.exec(out.stdout)?.[1];
    expect(digest && fs.readFileSync(digest, 'utf8')).toContain('<html');
  }, 90_000);
});
