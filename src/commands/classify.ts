// `modelwatch classify <model> [--json]`: a model's openness level, every piece of evidence and
// the rule that decided. `modelwatch classify --unknown`: models left out of the metrics.
import type { GlobalOptions, Io } from './io.js';
import { classify } from '../classify/classify.js';
import { loadLicenseKb } from '../classify/licenses.js';
import { RuntimeError, UsageError } from '../errors.js';
import { classifyInput } from '../jobs/classify.js';
import { classificationHistory, latestClassification, unknownModels } from '../store/classifications.js';
import { getModel } from '../store/models.js';
import { openContext } from './context.js';
import { fitText, formatTable, printJson, printTable, widthOf } from './output.js';

interface ClassifyOpts extends GlobalOptions {
  unknown?: boolean;
}

export default async function run(args: unknown[], opts: ClassifyOpts, io: Io): Promise<number> {
  const id = args[0] as string | undefined;
  if (!id && !opts.unknown) throw new UsageError('classify: name a model, or use --unknown');
  const ctx = openContext(opts, io);
  try {
    if (opts.unknown) {
      const rows = unknownModels(ctx.db).map((c) => {
        const m = getModel(ctx.db, c.modelId);
        return {
          model: c.modelId,
          vendor: m?.vendorId ?? null,
          line: m?.line ?? null,
          license: m?.licenseId ?? null,
          reason: c.decidedBy,
          since: c.at,
        };
      });
      if (opts.json) printJson(io, rows);
      else
        printTable(
          io,
          rows,
          [
            { header: 'model', get: (r) => r.model, max: 50 },
            { header: 'vendor', get: (r) => r.vendor },
            { header: 'license', get: (r) => r.license },
            { header: 'why unknown', get: (r) => r.reason, max: 80 },
          ],
          'no model of unknown level',
        );
      return 0;
    }
    const model = getModel(ctx.db, id!);
    if (!model) throw new RuntimeError(`classify: no model "${id}" (try: modelwatch search ${JSON.stringify(id)})`);
    // The stored classification is what the metrics use; without one yet, classify now.
    const stored = latestClassification(ctx.db, model.id);
    const c = stored ?? { ...classify(classifyInput(ctx.db, model.id, ctx.config.overrides), loadLicenseKb()), at: null };
    const history = classificationHistory(ctx.db, model.id).map((h) => ({
      at: h.at,
      level: h.level,
      decidedBy: h.decidedBy,
      rulesVersion: h.rulesVersion,
    }));
    const out = {
      model: model.id,
      vendor: model.vendorId,
      line: model.line,
      level: c.level,
      decidedBy: c.decidedBy,
      rulesVersion: c.rulesVersion,
      classifiedAt: c.at,
      override: c.override,
      conflicts: c.conflicts,
      evidence: c.evidence,
      history,
    };
    if (opts.json) return (printJson(io, out), 0);
    const width = widthOf(io);
    io.stdout.write(
      fitText(
        `${model.id}: level ${c.level ?? 'unknown'}${c.override ? ' (manual override)' : ''}\n` +
          `  decided by: ${c.decidedBy}\n` +
          (c.override ? `  override: level ${c.override.level}: ${c.override.reason}\n` : '') +
          `  rules: ${c.rulesVersion}${c.at ? `, classified ${c.at}` : ', not stored yet'}\n` +
          (c.conflicts.length ? `  conflicts:\n${c.conflicts.map((x) => `    - ${x}`).join('\n')}\n` : ''),
        width,
      ) +
        '\nEvidence:\n' +
        formatTable(
          c.evidence,
          [
            { header: 'signal', get: (e) => e.signal },
            { header: 'value', get: (e) => (e.value === null ? null : String(e.value)), max: 50 },
            { header: 'source', get: (e) => e.sourceUrl, max: 70, min: 30 },
            { header: 'seen', get: (e) => e.seenAt.slice(0, 10) },
          ],
          width,
        ) +
        (history.length > 1
          ? '\nLevel history:\n' +
            formatTable(
              history,
              [
                { header: 'at', get: (h) => h.at.slice(0, 16).replace('T', ' ') },
                { header: 'level', get: (h) => h.level ?? 'unknown' },
                { header: 'rule', get: (h) => h.decidedBy, max: 80 },
              ],
              width,
            )
          : ''),
    );
    return 0;
  } finally {
    ctx.close();
  }
}
