// Environment + feeds/ → one validated, frozen Config. Every problem is reported at once,
// with file and path: `feeds/meta.yaml: sources[2].feed: invalid URL`.
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import type { Level, SourceConfig, VendorConfig } from '../model.js';
import * as D from './defaults.js';
import { readEnv, type EnvConfig } from './env.js';
import { overridesFileSchema, SOURCE_KIND_KEYS, vendorFileSchema, type SourceEntry, type VendorFile } from './vendor-schema.js';

export interface Override {
  model: string;
  level: Level;
  reason: string;
}

export interface Config {
  dbPath: string;
  feedsDir: string;
  vendors: VendorConfig[];
  sources: SourceConfig[];
  /** Manual classification overrides from feeds/overrides.yaml, each with a reason. */
  overrides: Override[];
  env: EnvConfig;
  /** Every secret value set (tokens, passwords, webhook URLs): redacted from all output. */
  secrets: string[];
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  db?: string;
  feeds?: string;
  /** Skip reading feeds/ (commands that only need the database). */
  withoutFeeds?: boolean;
}

/** Files in feeds/ that are not vendors. */
const RESERVED = new Set(['overrides']);

export function loadConfig(opts: LoadOptions = {}): Config {
  const envVars = opts.env ?? process.env;
  const problems: string[] = [];
  const env = readEnv(envVars, problems);
  // An empty MODELWATCH_DB is unset (SQLite would open a temporary database for "").
  const dbPath = opts.db || envVars.MODELWATCH_DB?.trim() || D.DEFAULT_DB;
  const feedsDir = opts.feeds ?? envVars.MODELWATCH_FEEDS ?? D.DEFAULT_FEEDS;
  const vendors = opts.withoutFeeds ? [] : readVendors(feedsDir, problems);
  const overrides = opts.withoutFeeds ? [] : readOverrides(feedsDir, problems);
  const sources = vendors.flatMap((v) => v.sources);
  const seen = new Map<string, string>();
  for (const s of sources) {
    const other = seen.get(s.id);
    if (other) problems.push(`${path.join(feedsDir, s.vendorId + '.yaml')}: source id "${s.id}" is also used in ${other}`);
    else seen.set(s.id, path.join(feedsDir, s.vendorId + '.yaml'));
  }
  if (problems.length) {
    throw new UsageError(`config: ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  }
  return deepFreeze({ dbPath, feedsDir, vendors, sources, overrides, env, secrets: env.secrets });
}

function readOverrides(dir: string, problems: string[]): Override[] {
  const file = path.join(dir, 'overrides.yaml');
  if (!fs.existsSync(file)) return [];
  const read = readYaml(file, problems);
  if (!read.ok) return [];
  const parsed = overridesFileSchema.safeParse(read.value ?? { overrides: [] });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(schemaProblem(file, read, issue));
    return [];
  }
  return parsed.data.overrides;
}

function readVendors(dir: string, problems: string[]): VendorConfig[] {
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'))
      .sort();
  } catch (err) {
    problems.push(`${dir}: cannot read the feeds folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return [];
  }
  const vendors: VendorConfig[] = [];
  for (const f of files) {
    const id = f.replace(/\.ya?ml$/, '');
    if (RESERVED.has(id)) continue;
    const file = path.join(dir, f);
    const v = readVendorFile(file, id, problems);
    if (v) vendors.push(v);
  }
  return vendors;
}

export function readVendorFile(file: string, id: string, problems: string[]): VendorConfig | undefined {
  const before = problems.length;
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(id)) problems.push(`${file}: the file name is the vendor id: use lower-case letters, digits, - and _`);
  const read = readYaml(file, problems);
  if (!read.ok) return undefined;
  const parsed = vendorFileSchema.safeParse(read.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.flatMap((i) => chooseBranch(i, read.value))) problems.push(schemaProblem(file, read, issue));
    return undefined;
  }
  return problems.length > before ? undefined : toVendor(id, parsed.data);
}

/**
 * One YAML file → its value, or its problems as `file:line:col: YAML: message`. The YAML library
 * refuses an alias bomb (`Excessive alias count…`) while building the value, not while parsing:
 * that error is a configuration problem too (exit 2), located at the first alias.
 */
type YamlRead = { ok: true; value: unknown; doc: Document; lines: LineCounter };

function readYaml(file: string, problems: string[]): YamlRead | { ok: false } {
  let src: string;
  try {
    src = fs.readFileSync(file, 'utf8');
  } catch (err) {
    problems.push(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return { ok: false };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(src, { prettyErrors: false, lineCounter });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return '';
    const p = lineCounter.linePos(offset);
    return `:${p.line}:${p.col}`;
  };
  for (const e of doc.errors) problems.push(`${file}${at(e.pos[0])}: YAML: ${e.message.split('\n')[0]}`);
  if (doc.errors.length) return { ok: false };
  try {
    return { ok: true, value: doc.toJS(), doc, lines: lineCounter };
  } catch (err) {
    let firstAlias: number | undefined;
    visit(doc, {
      Alias(_, node) {
        firstAlias = node.range?.[0];
        return visit.BREAK;
      },
    });
    problems.push(`${file}${at(firstAlias)}: YAML: ${(err as Error).message.split('\n')[0]}`);
    return { ok: false };
  }
}

/** `file:line: path: message`, the line of the key the user wrote (of its parent when the key is
 *  missing; of the first unknown key for unknown keys). */
function schemaProblem(file: string, read: YamlRead, issue: z.core.$ZodIssue): string {
  const where = issue.code === 'unrecognized_keys' && issue.keys.length ? [...issue.path, issue.keys[0]] : issue.path;
  const offset = keyOffset(read.doc, where);
  const line = offset === undefined ? '' : `:${read.lines.linePos(offset).line}`;
  return `${file}${line}: ${formatPath(issue.path)}: ${issueMessage(issue)}`;
}

/** Where the deepest existing key (or sequence item) of `p` starts in the file. */
function keyOffset(doc: Document, p: PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const k of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (isScalar(it.key) ? it.key.value : it.key) === k);
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number') {
      node = node.items[k];
      offset = (node as Node | null)?.range?.[0] ?? offset;
      if (node === undefined) break;
    } else break;
  }
  return offset;
}

/**
 * A source entry matches no branch of the union: when exactly one kind key (feed, page, …) says
 * which branch the user meant, report that branch's problems at their own keys instead of the
 * union's "expected one of …".
 */
function chooseBranch(issue: z.core.$ZodIssue, root: unknown): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue];
  let value: unknown = root;
  for (const k of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[k] : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [issue];
  const kinds = SOURCE_KIND_KEYS.filter((k) => k in value);
  if (kinds.length !== 1 || issue.errors.length !== SOURCE_KIND_KEYS.length) return [issue];
  const branch = issue.errors[SOURCE_KIND_KEYS.indexOf(kinds[0])];
  return branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue);
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message;
}

function formatPath(p: PropertyKey[]): string {
  if (!p.length) return '(file)';
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function toVendor(id: string, f: VendorFile): VendorConfig {
  const t = f.thresholds ?? {};
  const a = f.alerts ?? {};
  return {
    id,
    name: f.vendor,
    lines: f.lines,
    sources: f.sources.map((s) => toSource(id, s)),
    thresholds: {
      recencyBandsDays: t.recency_bands_days ?? D.DEFAULT_THRESHOLDS.recencyBandsDays,
      streak: t.streak ?? D.DEFAULT_THRESHOLDS.streak,
      shareDropPoints: t.share_drop_points ?? D.DEFAULT_THRESHOLDS.shareDropPoints,
      capabilityLagMonths: t.capability_lag_months ?? D.DEFAULT_THRESHOLDS.capabilityLagMonths,
      capabilityDeltaPoints: t.capability_delta_points ?? D.DEFAULT_THRESHOLDS.capabilityDeltaPoints,
      catchUpTolerance: t.catch_up_tolerance ?? D.DEFAULT_THRESHOLDS.catchUpTolerance,
      capabilityWindowMonths: t.capability_window_months ?? D.DEFAULT_THRESHOLDS.capabilityWindowMonths,
      hysteresis: t.hysteresis ?? D.DEFAULT_THRESHOLDS.hysteresis,
      cooldownHours: t.cooldown_hours ?? D.DEFAULT_THRESHOLDS.cooldownHours,
    },
    alerts: {
      channels: a.channels,
      mute: a.mute as VendorConfig['alerts']['mute'],
      snoozeUntil: a.snooze_until,
      minSeverity: a.min_severity,
      prereleases: a.prereleases,
      include: a.include,
      exclude: a.exclude,
      kinds: a.kinds
        ? Object.fromEntries(
            Object.entries(a.kinds).map(([k, r]) => [
              k,
              { alert: r.alert, channels: r.channels, minSeverity: r.min_severity, snoozeUntil: r.snooze_until },
            ]),
          )
        : undefined,
    },
    announce: f.announce,
    strategy: f.strategy,
    discover: f.discover ?? true,
  };
}

function toSource(vendorId: string, s: SourceEntry): SourceConfig {
  const base = { vendorId, include: s.include, exclude: s.exclude };
  if ('huggingface' in s) {
    return {
      ...base,
      kind: 'huggingface',
      target: s.huggingface,
      id: s.id ?? `hf:${s.huggingface}`,
      intervalSec: s.interval ?? D.DEFAULT_INTERVAL_SEC.huggingface,
      reconcileEveryHours: s.reconcile_every ? s.reconcile_every / 3600 : D.DEFAULT_RECONCILE_HOURS,
    };
  }
  if ('github' in s) {
    return {
      ...base,
      kind: 'github',
      target: s.github,
      id: s.id ?? `gh:${s.github}`,
      intervalSec: s.interval ?? D.DEFAULT_INTERVAL_SEC.github,
      skipPrereleases: s.prereleases === false,
    };
  }
  if ('feed' in s) {
    return {
      ...base,
      kind: 'feed',
      target: s.feed,
      id: s.id ?? `feed:${s.feed}`,
      intervalSec: s.interval ?? D.DEFAULT_INTERVAL_SEC.feed,
      ...(s.articles && { articles: true }),
    };
  }
  return {
    ...base,
    kind: 'page',
    target: s.page,
    id: s.id ?? `page:${s.page}`,
    intervalSec: s.interval ?? D.DEFAULT_INTERVAL_SEC.page,
    select: s.select,
    ...(s.articles && { articles: true }),
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
