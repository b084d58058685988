// The package version, read once from package.json (for --version and the User-Agent).
import { readFileSync } from 'node:fs';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
export const USER_AGENT = `modelwatch/${VERSION} (+https://github.com/modelwatch/modelwatch)`;
