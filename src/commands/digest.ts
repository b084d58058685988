// `modelwatch digest [--week 2026-W15 | --as-of DATE] [--format html|text|md|slack] [--send] [--out FILE]`:
// builds the weekly digest from the history; prints it (or writes it to FILE); `--send` sends it
// through the configured channels, once per week.
import fs from 'node:fs';
import type { GlobalOptions, Io } from './io.js';
import { renderDigest } from '../digest/render/index.js';
import { RuntimeError, UsageError } from '../errors.js';
import { createLogger } from '../log.js';
import { parseDateBound } from './dates.js';
import { openContext } from './context.js';
import { printJson } from './output.js';

const FORMATS = ['html', 'text', 'md', 'slack'] as const;
type Format = (typeof FORMATS)[number];

interface DigestOpts extends GlobalOptions {
  week?: string;
  asOf?: string;
  format?: string;
  send?: boolean;
  out?: string;
  sendEmpty?: boolean;
}

export default async function run(_args: unknown[], opts: DigestOpts, io: Io): Promise<number> {
  if (opts.week && opts.asOf) throw new UsageError('digest: --week and --as-of exclude each other');
  const format = (opts.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`digest: --format must be one of ${FORMATS.join(', ')}`);
  const ctx = openContext(opts, io);
  const { buildDigest, digestWeek } = await import('../jobs/digest.js');
  try {
    const asOf = opts.asOf ? new Date(parseDateBound(opts.asOf, 'end', '--as-of')) : undefined;
    const range = digestWeek(ctx.config, ctx.now(), { week: opts.week, asOf });
    const data = buildDigest(ctx.db, ctx.config, range);
    // The HTML digest carries its chart (a PNG in a data: URL); the other formats do without.
    const chart = format === 'html' && !opts.send ? await (await import('../digest/chart.js')).renderChart(data) : null;
    const body = renderDigest(data, format, chart);
    if (opts.out) {
      try {
        fs.writeFileSync(opts.out, body);
      } catch (err) {
        throw new RuntimeError(`digest: cannot write ${opts.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
    if (!opts.send) {
      if (opts.json) printJson(io, { week: data.week, format, out: opts.out ?? null, data });
      else if (opts.out) io.stdout.write(`digest ${data.week} written to ${opts.out}\n`);
      else io.stdout.write(body.endsWith('\n') ? body : body + '\n');
      return 0;
    }
    const { sendDigest } = await import('../digest/send.js');
    const { createRuntime } = await import('../jobs/runtime.js');
    const rt = createRuntime({ db: ctx.db, config: ctx.config, log: createLogger({ stream: io.stderr, level: 'warn' }), out: io.stdout });
    try {
      const r = await sendDigest({ db: ctx.db, channels: rt.channels, now: rt.now }, data, {
        sendEmpty: opts.sendEmpty || ctx.config.env.digestSendEmpty,
      });
      const failed = r.failed.map((f) => ({ ...f, error: rt.redact(f.error) }));
      if (opts.json) printJson(io, { ...r, failed });
      else
        io.stdout.write(
          `digest ${r.week}: ${r.status}${r.sentTo.length ? ` (sent to ${r.sentTo.join(', ')})` : ''}${failed.map((f) => `\n  ${f.channel}: ${f.error}`).join('')}\n`,
        );
      return r.status === 'partial' ? 1 : 0;
    } finally {
      rt.close();
    }
  } finally {
    ctx.close();
  }
}
