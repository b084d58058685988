// The exposure audit (the playbook's first step): for each workflow, the model it depends on —
// vendor, line, level, licence, last changes —, the vendor's gap status, up to three OSI-open
// alternatives, and the concerns a reader should act on. Pure: the command gathers the data.
import { kindEntry } from '../events/index.js';
import { levelRank, type Level } from '../model.js';
import { rankAlternatives, sizeClass, type ExposureModel, type SizeClass } from './alternatives.js';
import type { Criticality, Workflow } from './stack.js';

export interface Change {
  at: string;
  kind: string;
  from: string | null;
  to: string | null;
  summary: string;
  source: string | null;
}

/** The vendor's latest gap snapshot, as stored (metrics is the gap module's JSON, read tolerantly). */
export interface GapSnapshot {
  vendorId: string;
  at: string;
  widening: boolean;
  reasons: string[];
  metrics: Record<string, unknown> | null;
}

export interface AuditInput {
  now: Date;
  workflows: readonly Workflow[];
  /** The model each workflow names, keyed by the `model` text of the workflow; undefined = unknown. */
  models: ReadonlyMap<string, ExposureModel | undefined>;
  /** The last changes of each model (newest first), keyed by model id. */
  changes: ReadonlyMap<string, Change[]>;
  /** The latest gap snapshot of each vendor; undefined = none yet. */
  gaps: ReadonlyMap<string, GapSnapshot | undefined>;
  /** Models that may be alternatives (the ranking filters them again). */
  candidates: readonly ExposureModel[];
}

export interface ReleaseRef {
  model: string;
  date: string | null;
}

export interface GapStatus {
  vendor: string;
  at: string;
  widening: boolean;
  reasons: string[];
  /** M1, days (positive = the open line lags). */
  recencyGapDays: number | null;
  /** M2: proprietary releases since the last open one. */
  proprietaryStreak: number | null;
  openShare180d: number | null;
  lastOpenRelease: ReleaseRef | null;
  lastProprietaryRelease: ReleaseRef | null;
}

export interface Alternative {
  model: string;
  name: string;
  vendor: string | null;
  level: Level | null;
  license: string | null;
  releasedAt: string | null;
  parameters: number | null;
  sizeClass: SizeClass | null;
  url: string | null;
}

export interface WorkflowAnswer {
  workflow: string;
  criticality: Criticality;
  notes: string | null;
  /** The model id (as resolved; as written when unknown). */
  model: string;
  found: boolean;
  name: string | null;
  vendor: string | null;
  line: string | null;
  level: Level | null;
  license: string | null;
  parameters: number | null;
  sizeClass: SizeClass | null;
  releasedAt: string | null;
  url: string | null;
  withdrawnAt: string | null;
  lastChanges: Change[];
  gap: GapStatus | null;
  alternatives: Alternative[];
  concerns: string[];
}

export interface ExposureReport {
  asOf: string;
  workflows: WorkflowAnswer[];
}

export const LAST_CHANGES = 3;
/** A change this recent is called out as a concern. */
export const RECENT_CHANGE_DAYS = 90;

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function ref(v: unknown): ReleaseRef | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  return typeof o.model === 'string' ? { model: o.model, date: typeof o.date === 'string' ? o.date : null } : null;
}

/** The gap snapshot as the answer shows it; missing metrics are null, never guessed. */
export function gapStatus(s: GapSnapshot): GapStatus {
  const m = s.metrics ?? {};
  return {
    vendor: s.vendorId,
    at: s.at,
    widening: s.widening,
    reasons: s.reasons,
    recencyGapDays: num(m.recencyGapDays),
    proprietaryStreak: num(m.proprietaryStreak),
    openShare180d: num(m.openShare180d),
    lastOpenRelease: ref(m.lastOpenRelease),
    lastProprietaryRelease: ref(m.lastProprietaryRelease),
  };
}

function alternative(m: ExposureModel): Alternative {
  return {
    model: m.id,
    name: m.name,
    vendor: m.vendor,
    level: m.level,
    license: m.license,
    releasedAt: m.releasedAt,
    parameters: m.parameters,
    sizeClass: sizeClass(m.parameters),
    url: m.url,
  };
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** What a reader should act on, most serious first. */
export function concernsFor(a: Omit<WorkflowAnswer, 'concerns'>, now: Date): string[] {
  if (!a.found) return [`modelwatch does not know "${a.model}": check the id, or add its vendor's sources to feeds/`];
  const out: string[] = [];
  if (a.withdrawnAt) out.push(`withdrawn on ${day(a.withdrawnAt)}: keep a copy of the weights or migrate`);
  if (a.level === null) out.push('openness level unknown: the model is not classified yet');
  else if (levelRank(a.level) <= levelRank('2'))
    out.push(`level ${a.level}, no downloadable weights: the vendor can change or retire it at will`);
  else if (a.level === '3a') out.push(`non-commercial licence${a.license ? ` (${a.license})` : ''}: production use needs another licence`);
  else if (a.level === '3b') out.push(`restricted-use licence${a.license ? ` (${a.license})` : ''}: check its use and scale clauses`);
  if (a.gap?.widening)
    out.push(`${a.gap.vendor}'s open-vs-proprietary gap is widening${a.gap.reasons.length ? `: ${a.gap.reasons.join('; ')}` : ''}`);
  const recent = now.getTime() - RECENT_CHANGE_DAYS * 86_400_000;
  for (const c of a.lastChanges) {
    const kind = kindEntry(c.kind);
    if (kind?.concern && Date.parse(c.at) >= recent)
      out.push(`${kind.label} on ${day(c.at)}${c.from || c.to ? ` (${c.from ?? '–'} → ${c.to ?? '–'})` : ''}`);
  }
  const open = a.level !== null && levelRank(a.level) >= levelRank('4');
  if (!open && !a.alternatives.length && a.criticality !== 'low')
    out.push('no level 4+ alternative of the same size released in the last 12 months');
  return out;
}

export function auditExposure(input: AuditInput): ExposureReport {
  const workflows = input.workflows.map((w): WorkflowAnswer => {
    const m = input.models.get(w.model);
    const snapshot = m?.vendor ? input.gaps.get(m.vendor) : undefined;
    const base: Omit<WorkflowAnswer, 'concerns'> = {
      workflow: w.name,
      criticality: w.criticality,
      notes: w.notes ?? null,
      model: m?.id ?? w.model,
      found: !!m,
      name: m?.name ?? null,
      vendor: m?.vendor ?? null,
      line: m?.line ?? null,
      level: m?.level ?? null,
      license: m?.license ?? null,
      parameters: m?.parameters ?? null,
      sizeClass: sizeClass(m?.parameters),
      releasedAt: m?.releasedAt ?? null,
      url: m?.url ?? null,
      withdrawnAt: m?.withdrawnAt ?? null,
      lastChanges: m ? (input.changes.get(m.id) ?? []).slice(0, LAST_CHANGES) : [],
      gap: snapshot ? gapStatus(snapshot) : null,
      // An unknown model has no size: alternatives of any size are still worth showing.
      alternatives: rankAlternatives(m ?? null, input.candidates, input.now).map(alternative),
    };
    return { ...base, concerns: concernsFor(base, input.now) };
  });
  return { asOf: input.now.toISOString(), workflows };
}
