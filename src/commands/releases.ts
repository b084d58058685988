// `modelwatch releases [--vendor V] [--side open|proprietary|pending] [--line open|proprietary]
// [--level L] [--since 30d|DATE] [--until DATE] [--json|--csv]`: one row per release (a launch and
// all its artefacts: posts, Hub repos, sizes, quantisations), newest first.
// The JSON fields model, vendor, line, level, license, releasedAt, url are a contract (issue 4):
// `model` is the release's main artefact; issue 11 adds release, family, side and models.
import type { GlobalOptions, Io } from './io.js';
import { UsageError } from '../errors.js';
import { LEVELS, type Level, type LineKind } from '../model.js';
import type { ModelRow } from '../store/models.js';
import { listReleasesWithArtefacts, type ReleaseListRow, type Side } from '../store/releases.js';
import { checkVendor, openContext } from './context.js';
import { csvFields, outputMode, printRows, type CsvColumn } from './event-options.js';
import { shortTime } from './output.js';
import { parseRange } from './since.js';

type ReleasesOptions = GlobalOptions & {
  vendor?: string;
  side?: string;
  line?: string;
  level?: string;
  since?: string;
  until?: string;
  csv?: boolean;
};

/** One model as `search --json` prints it (a model row in the shape releases had before issue 11). */
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

/** One release as `releases --json` prints it. `line` is the side when decided, else the family's expected side. */
export function releaseListRow(r: ReleaseListRow) {
  return {
    model: r.mainModel,
    name: r.name,
    vendor: r.vendorId,
    line: r.side === 'pending' ? r.expectedSide : r.side,
    level: r.level,
    license: r.licenseId,
    releasedAt: r.releasedAt,
    url: r.url,
    gated: r.gated,
    weights: r.weights,
    parameters: r.parameters,
    withdrawnAt: r.withdrawnAt,
    release: r.name,
    releaseId: r.id,
    family: r.family,
    expectedSide: r.expectedSide,
    side: r.side,
    auxiliary: r.auxiliary,
    models: r.models,
  };
}

function parseSide(flag: string, v: string | undefined, allowPending: boolean): Side | undefined {
  if (v === undefined) return undefined;
  if (v === 'open' || v === 'proprietary' || (allowPending && v === 'pending')) return v;
  throw new UsageError(`releases: ${flag}: expected open${allowPending ? ', proprietary or pending' : ' or proprietary'}, got "${v}"`);
}

function parseLevel(v: string | undefined): Level | undefined {
  if (v === undefined) return undefined;
  if ((LEVELS as readonly string[]).includes(v)) return v as Level;
  throw new UsageError(`releases: --level: expected one of ${LEVELS.join(', ')}, got "${v}"`);
}

export default async function run(_args: unknown[], opts: ReleasesOptions, io: Io): Promise<number> {
  const mode = outputMode('releases', opts);
  const side = parseSide('--side', opts.side, true);
  const line = parseSide('--line', opts.line, false) as LineKind | undefined;
  if (side && line && side !== line) throw new UsageError(`releases: --side ${side} and --line ${line} contradict each other`);
  const level = parseLevel(opts.level);
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: true });
  try {
    checkVendor('releases', ctx, opts.vendor);
    const range = parseRange('releases', opts, ctx.now());
    const rows = listReleasesWithArtefacts(ctx.db, { vendorId: opts.vendor, side: side ?? line, level, ...range }).map(releaseListRow);
    type Row = (typeof rows)[number];
    const csv: CsvColumn<Row>[] = [
      ...csvFields<Row>(
        'model',
        'name',
        'vendor',
        'line',
        'level',
        'license',
        'releasedAt',
        'url',
        'gated',
        'weights',
        'parameters',
        'withdrawnAt',
        'release',
        'family',
        'side',
      ),
      { header: 'models', get: (r) => r.models.join(' ') },
    ];
    printRows(
      io,
      mode,
      rows,
      csv,
      [
        { header: 'released', get: (r) => shortTime(r.releasedAt)?.slice(0, 10) },
        { header: 'vendor', get: (r) => r.vendor },
        { header: 'release', get: (r) => r.release, max: 32 },
        { header: 'family', get: (r) => r.family, max: 12 },
        { header: 'side', get: (r) => r.side },
        { header: 'level', get: (r) => r.level ?? '?' },
        { header: 'license', get: (r) => r.license, max: 18 },
        { header: 'artefacts', get: (r) => String(r.models.length) },
      ],
      'no releases',
    );
    return 0;
  } finally {
    ctx.close();
  }
}
