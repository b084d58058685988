// `modelwatch releases [--vendor V] [--line open|proprietary] [--level L] [--since 30d|DATE]
// [--until DATE] [--json|--csv]`: models with a release date in range, newest first.
// The JSON fields model, vendor, line, level, license, releasedAt, url are a contract (issue 4).
import type { GlobalOptions, Io } from '../cli.js';
import { UsageError } from '../errors.js';
import { LEVELS, type Level, type LineKind } from '../model.js';
import { listReleases } from '../store/history.js';
import type { ModelRow } from '../store/models.js';
import { checkVendor, openContext } from './context.js';
import { outputMode, printRows, shortTime, type CsvColumn } from './events.js';
import { parseRange } from './since.js';

type ReleasesOptions = GlobalOptions & { vendor?: string; line?: string; level?: string; since?: string; until?: string; csv?: boolean };

/** One release as `releases --json` prints it. */
export function releaseRow(m: ModelRow) {
  return {
    model: m.id,
    name: m.name,
    vendor: m.vendorId,
    line: m.line,
    level: m.level,
    license: m.licenseId,
    releasedAt: m.releasedAt,
    url: m.url,
    gated: m.gated,
    weights: m.weights,
    parameters: m.parameters,
    withdrawnAt: m.withdrawnAt,
  };
}

function parseLine(v: string | undefined): LineKind | undefined {
  if (v === undefined) return undefined;
  if (v === 'open' || v === 'proprietary') return v;
  throw new UsageError(`releases: --line: expected open or proprietary, got "${v}"`);
}

function parseLevel(v: string | undefined): Level | undefined {
  if (v === undefined) return undefined;
  if ((LEVELS as readonly string[]).includes(v)) return v as Level;
  throw new UsageError(`releases: --level: expected one of ${LEVELS.join(', ')}, got "${v}"`);
}

export default async function run(_args: unknown[], opts: ReleasesOptions, io: Io): Promise<number> {
  const mode = outputMode('releases', opts);
  const line = parseLine(opts.line);
  const level = parseLevel(opts.level);
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: true });
  try {
    checkVendor('releases', ctx, opts.vendor);
    const range = parseRange('releases', opts, ctx.now());
    const rows = listReleases(ctx.db, { vendorId: opts.vendor, line, level, ...range }).map(releaseRow);
    type Row = (typeof rows)[number];
    const csv: CsvColumn<Row>[] = [
      { header: 'model', get: (r) => r.model },
      { header: 'name', get: (r) => r.name },
      { header: 'vendor', get: (r) => r.vendor },
      { header: 'line', get: (r) => r.line },
      { header: 'level', get: (r) => r.level },
      { header: 'license', get: (r) => r.license },
      { header: 'releasedAt', get: (r) => r.releasedAt },
      { header: 'url', get: (r) => r.url },
      { header: 'gated', get: (r) => r.gated },
      { header: 'weights', get: (r) => r.weights },
      { header: 'parameters', get: (r) => r.parameters },
      { header: 'withdrawnAt', get: (r) => r.withdrawnAt },
    ];
    printRows(
      io,
      mode,
      rows,
      csv,
      [
        { header: 'released', get: (r) => shortTime(r.releasedAt)?.slice(0, 10) },
        { header: 'vendor', get: (r) => r.vendor },
        { header: 'model', get: (r) => r.model, max: 48 },
        { header: 'line', get: (r) => r.line },
        { header: 'level', get: (r) => r.level ?? '?' },
        { header: 'license', get: (r) => r.license, max: 24 },
      ],
      'no releases',
    );
    return 0;
  } finally {
    ctx.close();
  }
}
