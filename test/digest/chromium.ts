// Headless Chromium (Debian's `chromium` package) driven through child_process: HTML file in,
// PNG screenshot out. Missing Chromium is a test failure with a clear message, never a skip.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tmpDir } from '../helpers/tmp.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
}

export async function screenshot(html: string, size = { width: 1000, height: 1400 }): Promise<Buffer> {
  assertChromium();
  const dir = tmpDir('modelwatch-chromium-');
  const page = path.join(dir, 'digest.html');
  const png = path.join(dir, 'shot.png');
  fs.writeFileSync(page, html);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--hide-scrollbars',
    `--user-data-dir=${path.join(dir, 'profile')}`,
    `--screenshot=${png}`,
    `--window-size=${size.width},${size.height}`,
    pathToFileURL(page).href,
  ];
  const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // A page that blocks (a script's alert() dialog, a hung load) never gets its screenshot:
  // fail with that reason instead of the test's own timeout.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, 30_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearTimeout(timer));
  if (timedOut) throw new Error('chromium did not finish the screenshot in 30 s (a script or dialog on the page?)');
  if (code !== 0 || !fs.existsSync(png)) throw new Error(`chromium exited with ${code} and no screenshot:\n${stderr.slice(-2000)}`);
  const out = fs.readFileSync(png);
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}
