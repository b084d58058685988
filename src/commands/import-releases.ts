// `modelwatch import releases FILE.csv`: seed dated releases (Epoch AI's "Data on AI Models" CSV
// as published, a Benchmarking Hub CSV, or vendor,model,date,access,source_url). Imported
// releases are marked 'import', never alert, and are superseded by what the collectors see.
import type { GlobalOptions, Io } from './io.js';
import { UsageError } from '../errors.js';
import { readReleaseList } from '../seed/load.js';
import { seedReleases } from '../store/seed.js';
import { linkListedReleases } from '../jobs/releases.js';
import { openContext } from './context.js';
import { printJson } from './output.js';

interface ImportOpts extends GlobalOptions {
  vendorMap?: string;
}

function parseVendorMap(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(.+?)=([a-z0-9][\w-]*)$/i.exec(pair);
    if (!m) throw new UsageError(`import: --vendor-map: expected Organisation=vendor pairs, got "${pair}"`);
    out[m[1].trim().toLowerCase()] = m[2].toLowerCase();
  }
  return out;
}

export default async function run(args: unknown[], opts: ImportOpts, io: Io): Promise<number> {
  const [what, file] = args as [string, string | undefined];
  if (what !== 'releases' || !file) throw new UsageError('import: usage: modelwatch import releases FILE.csv');
  const vendorMap = parseVendorMap(opts.vendorMap);
  const list = readReleaseList(file, { vendorMap });
  if (list.problems.length)
    throw new UsageError(
      `import releases: ${list.problems.length} problem(s), nothing imported:\n  ${list.problems.map((p) => `${file}: ${p}`).join('\n  ')}`,
    );
  const ctx = openContext(opts, io);
  try {
    const now = ctx.now().toISOString();
    const n = ctx.db.transaction(() => seedReleases(ctx.db, list.releases, 'import', null, now)).immediate();
    linkListedReleases(ctx.db, ctx.config.vendors, now);
    const result = {
      format: list.format,
      rows: list.releases.length + list.skipped.length,
      added: n.added,
      known: n.known,
      skipped: list.skipped.length,
    };
    if (opts.json) printJson(io, { ...result, skippedRows: list.skipped });
    else
      io.stdout.write(
        `imported ${n.added} release(s) from ${file} (${list.format})` +
          (n.known ? `; ${n.known} already known` : '') +
          (list.skipped.length ? `; ${list.skipped.length} row(s) skipped (no date, unreleased or no access)` : '') +
          '\n',
      );
    return 0;
  } finally {
    ctx.close();
  }
}
