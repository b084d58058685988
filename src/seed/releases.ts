// Dated release lists → releases to seed (pure). Three CSV shapes are read, recognised by their
// header (docs/capability.md "Seeding the past"):
// - the project's own: vendor,model,date,access,source_url[,name,license]
// - Epoch AI's "Data on AI Models" CSV as published: Model, Organization, Publication date,
//   Model accessibility, Link, ...
// - an Epoch AI Benchmarking Hub CSV: Model version, Release date, Organization, Model accessibility.
// Epoch's "Model accessibility" labels map onto docs/domain.md's levels; a row without a date or an
// access path (Unreleased, blank) is skipped and counted, never guessed.
import { type Level, type LineKind, isOpenLevel, type SeedRelease } from '../model.js';

export type ReleaseListFormat = 'modelwatch' | 'epoch-models' | 'epoch-benchmarks';

export interface ParsedReleaseList {
  format: ReleaseListFormat;
  releases: SeedRelease[];
  /** Rows left out, with why (line numbers count the header as line 1). */
  skipped: { line: number; reason: string }[];
  /** Rows that cannot be read at all: the import stops and stores nothing. */
  problems: string[];
}

/** Epoch AI's "Model accessibility" vocabulary → openness level (docs/domain.md "Openness levels"). */
export const EPOCH_ACCESS: Record<string, Level | null> = {
  'open weights (unrestricted)': '4',
  'open weights (restricted use)': '3b',
  'open weights (non-commercial)': '3a',
  'api access': '2',
  'hosted access (no api)': '1',
  unreleased: null,
};

const LEVELS: readonly Level[] = ['0', '1', '2', '3a', '3b', '4', '5'];

/** Organisation names as Epoch AI writes them → default vendor ids (feeds/*.yaml). */
export const ORGANISATION_VENDORS: Record<string, string> = {
  'meta ai': 'meta',
  meta: 'meta',
  'facebook ai research': 'meta',
  'google deepmind': 'google',
  google: 'google',
  deepmind: 'google',
  'google brain': 'google',
  microsoft: 'microsoft',
  'microsoft research': 'microsoft',
  openai: 'openai',
  anthropic: 'anthropic',
  alibaba: 'alibaba',
  'alibaba cloud': 'alibaba',
  qwen: 'alibaba',
  deepseek: 'deepseek',
  'mistral ai': 'mistral',
  mistral: 'mistral',
  nvidia: 'nvidia',
  xai: 'xai',
};

export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The vendor id of an organisation field (Epoch lists several, comma-separated: the first decides). */
export function vendorOf(organisation: string, extra: Record<string, string> = {}): string {
  const first = organisation.split(',')[0].trim();
  const key = first.toLowerCase();
  return extra[key] ?? ORGANISATION_VENDORS[key] ?? slug(first);
}

/** Level of an access field: a level ('3b'), Epoch's label, or 'open'/'proprietary' words are refused as too vague. */
export function levelOfAccess(access: string): Level | null | undefined {
  const a = access.trim().toLowerCase();
  if ((LEVELS as readonly string[]).includes(a)) return a as Level;
  if (a in EPOCH_ACCESS) return EPOCH_ACCESS[a];
  return undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function lineOf(level: Level): LineKind | null {
  if (isOpenLevel(level)) return 'open';
  if (level === '1' || level === '2') return 'proprietary';
  return null;
}

/** A model id for a release: a Hub repo id given as the model is kept, anything else is slugged under its vendor. */
export function releaseId(vendor: string, model: string): string {
  return /^[\w.-]+\/[\w.-]+$/.test(model.trim()) ? model.trim() : `${vendor}/${slug(model)}`;
}

/** Reads one release list (records keyed by the header as written). */
export function parseReleaseList(
  records: Record<string, string>[],
  header: string[],
  opts: { vendorMap?: Record<string, string> } = {},
): ParsedReleaseList {
  const h = new Set(header.map((x) => x.trim().toLowerCase()));
  const get = (r: Record<string, string>, name: string) => {
    for (const [k, v] of Object.entries(r)) if (k.trim().toLowerCase() === name) return (v ?? '').trim();
    return '';
  };
  let format: ReleaseListFormat;
  if (h.has('vendor') && h.has('model') && h.has('date') && (h.has('access') || h.has('license'))) format = 'modelwatch';
  else if (h.has('model') && h.has('organization') && h.has('publication date')) format = 'epoch-models';
  else if (h.has('model version') && h.has('release date') && h.has('organization')) format = 'epoch-benchmarks';
  else
    return {
      format: 'modelwatch',
      releases: [],
      skipped: [],
      problems: [
        `unrecognised header (${header.join(',')}): expected vendor,model,date,access,source_url, Epoch AI's "Data on AI Models" CSV (Model, Organization, Publication date, Model accessibility) or a Benchmarking Hub CSV (Model version, Release date, Organization, Model accessibility)`,
      ],
    };
  const out: ParsedReleaseList = { format, releases: [], skipped: [], problems: [] };
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = i + 2;
    const name =
      format === 'modelwatch' ? get(r, 'name') || get(r, 'model') : format === 'epoch-models' ? get(r, 'model') : get(r, 'model version');
    const date = (
      format === 'modelwatch' ? get(r, 'date') : format === 'epoch-models' ? get(r, 'publication date') : get(r, 'release date')
    ).slice(0, 10);
    const access = format === 'modelwatch' ? get(r, 'access') : get(r, 'model accessibility');
    const vendorField = format === 'modelwatch' ? get(r, 'vendor') : get(r, 'organization');
    const sourceUrl =
      (format === 'modelwatch' ? get(r, 'source_url') : format === 'epoch-models' ? get(r, 'link').split(/\s+/)[0] : '') || null;
    if (!name) return out.problems.push(`line ${line}: model is empty`);
    if (!vendorField) return out.skipped.push({ line, reason: 'no organisation' });
    if (!DATE.test(date) || Number.isNaN(Date.parse(date))) {
      if (format === 'modelwatch') return out.problems.push(`line ${line}: date must be YYYY-MM-DD, got "${date}"`);
      return out.skipped.push({ line, reason: 'no release date' });
    }
    const level = levelOfAccess(access);
    if (level === undefined) {
      if (format === 'modelwatch' || access)
        return out.problems.push(
          `line ${line}: access "${access}" is not a level (1, 2, 3a, 3b, 4, 5) nor an Epoch AI accessibility label`,
        );
      return out.skipped.push({ line, reason: 'no accessibility' });
    }
    const lineKind = level === null ? null : lineOf(level);
    if (level === null || lineKind === null) return out.skipped.push({ line, reason: `not released (${access})` });
    if (sourceUrl && !/^https?:\/\//.test(sourceUrl)) return out.problems.push(`line ${line}: source_url must be an http(s) URL`);
    const vendor = format === 'modelwatch' ? vendorField.toLowerCase() : vendorOf(vendorField, opts.vendorMap);
    const id = format === 'modelwatch' ? releaseId(vendor, get(r, 'model')) : `${vendor}/${slug(name)}`;
    if (seen.has(id)) return out.skipped.push({ line, reason: `duplicate of ${id}` });
    seen.add(id);
    out.releases.push({
      id,
      vendor,
      name,
      date,
      level,
      line: lineKind,
      license: (format === 'modelwatch' ? get(r, 'license') : '') || null,
      access,
      sourceUrl,
    });
  });
  return out;
}
