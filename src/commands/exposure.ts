// `modelwatch exposure FILE.yaml [--json]`: per workflow of the user's stack, the model it depends
// on (vendor, line, level, licence, last changes), the vendor's gap status and up to three
// OSI-open alternatives of the same size class released in the last 12 months. The stack file
// format is in src/exposure/stack.ts; examples/stack.yaml is a sample.
import fs from 'node:fs';
import type { GlobalOptions, Io } from './io.js';
import { UsageError } from '../errors.js';
import { eventSource, fromTo, kindsWhere, type Family } from '../events/index.js';
import { windowStart, type ExposureModel } from '../exposure/alternatives.js';
import { auditExposure, LAST_CHANGES, type Change, type ExposureReport, type GapSnapshot } from '../exposure/audit.js';
import { parseStack } from '../exposure/stack.js';
import type { Db } from '../store/db.js';
import { latestGapSnapshot, modelByName, osiOpenReleases } from '../store/history.js';
import { queryEvents } from '../store/events.js';
import { getModel, type ModelRow } from '../store/models.js';
import { openContext } from './context.js';
import { fitText, printJson, widthOf } from './output.js';

/** A model's last changes: what happened to it, not posts about it or the watcher's own events. */
const NOT_MODEL_CHANGES: ReadonlySet<Family> = new Set(['post', 'source', 'gap', 'deadline']);
const MODEL_CHANGE_KINDS = kindsWhere((k) => !NOT_MODEL_CHANGES.has(k.family));

function readStack(file: string) {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`exposure: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const parsed = parseStack(text);
  if (!parsed.ok) {
    const n = parsed.problems.length;
    throw new UsageError(`exposure: ${n} problem${n > 1 ? 's' : ''}:\n  ${parsed.problems.map((p) => `${file}: ${p}`).join('\n  ')}`);
  }
  return parsed.workflows;
}

function toExposureModel(m: ModelRow): ExposureModel {
  return {
    id: m.id,
    name: m.name,
    vendor: m.vendorId,
    line: m.line,
    level: m.level,
    license: m.licenseId,
    parameters: m.parameters,
    releasedAt: m.releasedAt,
    url: m.url,
    withdrawnAt: m.withdrawnAt,
  };
}

function lastChanges(db: Db, modelId: string): Change[] {
  // Baseline events describe what existed when watching began, not a change; a post about the
  // model is already its announcement.
  return queryEvents(db, { order: 'desc', modelId, kinds: MODEL_CHANGE_KINDS, includeBaseline: false, limit: LAST_CHANGES }).map((e) => ({
    at: e.occurredAt,
    kind: e.kind,
    ...fromTo(e),
    summary: e.summary,
    source: eventSource(e),
  }));
}

function render(r: ExposureReport): string {
  const blocks = r.workflows.map((w) => {
    const lines = [`${w.workflow}  [${w.criticality}]  ${w.model}`];
    if (w.found) {
      const facts = [
        w.vendor ?? 'vendor unknown',
        w.line ? `${w.line} line` : 'no line',
        `level ${w.level ?? 'unknown'}`,
        `licence ${w.license ?? 'unknown'}`,
        w.sizeClass ?? 'size unknown',
        w.releasedAt ? `released ${w.releasedAt.slice(0, 10)}` : null,
      ];
      lines.push(`  ${facts.filter(Boolean).join(' · ')}`);
      const g = w.gap;
      if (!g) lines.push(`  gap: no evaluation yet${w.vendor ? ` for ${w.vendor}` : ''}`);
      else {
        const figures = [
          g.recencyGapDays !== null ? `open line lags ${g.recencyGapDays} d` : null,
          g.proprietaryStreak !== null ? `proprietary streak ${g.proprietaryStreak}` : null,
        ].filter(Boolean);
        lines.push(
          `  gap: ${g.vendor} ${g.widening ? 'WIDENING' : 'not widening'}${figures.length ? ` (${figures.join(', ')})` : ''} as of ${g.at.slice(0, 10)}`,
        );
        for (const reason of g.widening ? g.reasons : []) lines.push(`    - ${reason}`);
      }
      lines.push(w.lastChanges.length ? '  last changes:' : '  last changes: none since watching began');
      for (const c of w.lastChanges) lines.push(`    ${c.at.slice(0, 10)}  ${c.summary}`);
    }
    const scope = `level 4+, released in the last 12 months, ${w.sizeClass ? `${w.sizeClass} like this one` : 'any size'}`;
    lines.push(w.alternatives.length ? `  alternatives (${scope}):` : `  alternatives (${scope}): none`);
    const width = Math.max(0, ...w.alternatives.map((a) => a.model.length));
    for (const a of w.alternatives) {
      lines.push(
        `    ${a.model.padEnd(width)}  level ${a.level}  ${a.license ?? 'licence unknown'}  ${a.sizeClass ?? 'size unknown'}  released ${a.releasedAt?.slice(0, 10)}`,
      );
    }
    for (const c of w.concerns) lines.push(`  ! ${c}`);
    return lines.join('\n');
  });
  return blocks.join('\n\n') + '\n';
}

export default async function run(args: unknown[], opts: GlobalOptions, io: Io): Promise<number> {
  const file = String(args[0] ?? '').trim();
  if (!file) throw new UsageError('exposure: the stack file (YAML) is required');
  const workflows = readStack(file);
  const ctx = openContext(opts, io, { withoutFeeds: true, readOnly: true });
  try {
    const now = ctx.now();
    const models = new Map<string, ExposureModel | undefined>();
    const changes = new Map<string, Change[]>();
    const gaps = new Map<string, GapSnapshot | undefined>();
    for (const w of workflows) {
      if (models.has(w.model)) continue;
      const row = getModel(ctx.db, w.model) ?? modelByName(ctx.db, w.model);
      models.set(w.model, row && toExposureModel(row));
      if (row && !changes.has(row.id)) changes.set(row.id, lastChanges(ctx.db, row.id));
      if (row?.vendorId && !gaps.has(row.vendorId)) gaps.set(row.vendorId, latestGapSnapshot(ctx.db, row.vendorId));
    }
    const candidates = osiOpenReleases(ctx.db, windowStart(now).toISOString()).map(toExposureModel);
    const report = auditExposure({ now, workflows, models, changes, gaps, candidates });
    if (opts.json) printJson(io, { file, ...report });
    else io.stdout.write(fitText(render(report), widthOf(io)));
    return 0;
  } finally {
    ctx.close();
  }
}
