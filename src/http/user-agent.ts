import { readFileSync } from 'node:fs';

const HOMEPAGE = 'https://github.com/modelwatch/modelwatch';

/** `modelwatch/<version> (+homepage)`: GitHub rejects requests without a User-Agent, and a
 *  named one lets API operators reach us instead of blocking us. */
export function defaultUserAgent(): string {
  return `modelwatch/${packageVersion()} (+${HOMEPAGE})`;
}

function packageVersion(): string {
  try {
    // Both src/http/ (tests, tsx) and dist/http/ (build) sit two levels below the package root.
    const url = new URL('../../package.json', import.meta.url);
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
