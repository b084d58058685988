// The `modelwatch` command: argument parsing, lazy command loading, exit codes in one place.
// Heavy libraries (octokit, cheerio, rss-parser, nodemailer) load only inside the commands.
import { Command, CommanderError, Option } from 'commander';
import { RuntimeError, UsageError } from './errors.js';
import type { GlobalOptions, Io } from './commands/io.js';
import { VERSION } from './version.js';

type Loader = () => Promise<{
  default: (args: unknown[], opts: GlobalOptions & Record<string, unknown>, io: Io) => Promise<number | undefined>;
}>;

function action(io: Io, load: Loader) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
    const positional = args.slice(0, -2);
    const mod = await load();
    // Text reaching the terminal is stripped of control characters (data comes from the web).
    const { safeStream, outputWidth } = await import('./commands/output.js');
    const safe: Io = { ...io, stdout: safeStream(io.stdout), stderr: safeStream(io.stderr), width: outputWidth(io, opts.wide) };
    const code = await mod.default(positional, opts, safe);
    io.exitCode = typeof code === 'number' ? code : 0;
  };
}

export function buildProgram(io: Io): Command {
  const program = new Command('modelwatch')
    .description('Watches AI model releases, licences, openness levels and the open-vs-proprietary gap per vendor.')
    .version(VERSION, '-V, --version')
    .option('--db <file>', 'SQLite database (env MODELWATCH_DB, default ./data/modelwatch.db)')
    .option('--feeds <dir>', 'vendor configuration folder (env MODELWATCH_FEEDS, default ./feeds)')
    .option('--verbose', 'print stack traces of errors')
    .option('--wide', 'tables at full width: no wrapping, whole hashes (default: fit the terminal, else $COLUMNS, else 100)')
    // A mistyped command gets commander's "Did you mean ...?" and a hint, not 40 lines of help.
    .showHelpAfterError('(run modelwatch --help for the list of commands)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const json = () => new Option('--json', 'machine-readable JSON output');

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(action(io, () => import('./commands/migrate.js')));

  program
    .command('sources')
    .description('every configured source with its health (last success, errors, next check)')
    .addOption(json())
    .action(action(io, () => import('./commands/sources.js')));

  program
    .command('poll')
    .description('run one full cycle now: collect, classify, evaluate the gap, dispatch alerts')
    .option('--vendor <id>', 'only this vendor')
    .option('--source <id>', 'only this source')
    .option('--no-dispatch', 'leave alerts pending')
    .addOption(json())
    .action(action(io, () => import('./commands/poll.js')));

  program
    .command('run')
    .description('start the service (scheduled polling, gap evaluation, alert dispatch, weekly digest)')
    .action(action(io, () => import('./commands/run.js')));

  program
    .command('demo')
    .description('replay spring 2026 on loopback through the real pipeline: alerts, the gap, the weekly digest (no network)')
    .action(action(io, () => import('./commands/demo.js')));

  const csv = () => new Option('--csv', 'CSV output with a header line (camelCase field names)').conflicts('json');
  const since = '--since <when>';
  const sinceHelp = 'from this time: a duration back (30d, 12w, 6m, 1y) or an ISO date';
  const untilHelp = 'up to this time, inclusive: an ISO date or a duration back';

  program
    .command('releases')
    .description(
      'releases in a period, newest first: one row per launch (its posts, Hub repos, sizes and quantisations), with its side by evidence',
    )
    .option('--vendor <id>', 'only this vendor')
    .option('--side <side>', 'only this side: open (public weights), proprietary (hosted or API) or pending (announced only)')
    .option('--line <kind>', 'only this side (open or proprietary; kept for scripts, same as --side)')
    .option('--level <level>', 'only this openness level (0, 1, 2, 3a, 3b, 4, 5)')
    .option(since, sinceHelp)
    .option('--until <when>', untilHelp)
    .addOption(json())
    .addOption(csv())
    .action(action(io, () => import('./commands/releases.js')));

  program
    .command('release <ref>')
    .description('one release (by name, release id or any artefact id): its side, level, family, artefacts and history')
    .addOption(json())
    .action(action(io, () => import('./commands/release.js')));

  program
    .command('model <id>')
    .description("one model's timeline: line, level and its evidence, licence and gating changes, announcements, scores")
    .addOption(json())
    .action(action(io, () => import('./commands/model.js')));

  program
    .command('changes')
    .description('licence, gating, withdrawal, rename, weights and level changes, newest first')
    .option('--kind <kinds>', 'comma-separated: license, gating, withdrawn, renamed, level, weights, visibility')
    .option('--vendor <id>', 'only this vendor')
    .option('--model <id>', 'only this model')
    .option(since, sinceHelp)
    .option('--until <when>', untilHelp)
    .option('--limit <n>', 'at most this many, newest first; 0 = all (default 200)')
    .addOption(json())
    .addOption(csv())
    .action(action(io, () => import('./commands/changes.js')));

  program
    .command('events')
    .description('the raw event log, newest first (baseline events included and marked)')
    .option('--kind <kinds>', 'comma-separated event kinds (model.renamed), families (model, post, gap) or change names')
    .option('--vendor <id>', 'only this vendor')
    .option('--model <id>', 'only this model')
    .option(since, sinceHelp)
    .option('--until <when>', untilHelp)
    .option('--limit <n>', 'at most this many, 0 = all (default 200)')
    .addOption(json())
    .addOption(csv())
    .action(action(io, () => import('./commands/events.js')));

  program
    .command('search <text>')
    .description('models (id or name) and posts (title) containing the text')
    .option('--limit <n>', 'at most this many models and this many posts (default 50)')
    .addOption(json())
    .action(action(io, () => import('./commands/search.js')));

  program
    .command('exposure <file>')
    .description('audit a stack file: per workflow its model, vendor gap status and open alternatives')
    .addOption(json())
    .action(action(io, () => import('./commands/exposure.js')));

  const deadline = program.command('deadline').description('decision deadlines for a vendor or a model');
  deadline
    .command('set <subject> <date>')
    .description('set a decision date (2026-09-01, or ahead: 90d, 12w, 3m) for a vendor or model')
    .option('--note <text>', 'what is to be decided')
    .addOption(json())
    .action(action(io, () => import('./commands/deadline.js').then((m) => ({ default: m.set }))));
  deadline
    .command('list')
    .description('deadlines with the days left and the events since each was set')
    .addOption(json())
    .addOption(csv())
    .action(action(io, () => import('./commands/deadline.js').then((m) => ({ default: m.list }))));
  deadline
    .command('remove <id>')
    .description('remove a deadline (its id from deadline list)')
    .addOption(json())
    .action(action(io, () => import('./commands/deadline.js').then((m) => ({ default: m.remove }))));

  program
    .command('gap')
    .description('per vendor: open vs proprietary line, metrics M1–M6, trend, widening and why')
    .option('--vendor <id>', 'one vendor (JSON: an object instead of an array)')
    .option('--as-of <date>', 'the gap from the releases and scores dated by this date (as released)')
    .option('--as-known', 'with --as-of: only what the watcher had seen by then (to audit an alert)')
    .option('--all', 'also the gap across all vendors (JSON: {asOf, reading, vendors, all})')
    .option('--since <date>', 'start of the M4/M5 window (default: the trailing 24 months)')
    .option('--history', 'also list the stored gap snapshots')
    .addOption(json())
    .action(action(io, () => import('./commands/gap.js')));

  program
    .command('classify')
    .description("explain a model's openness level: every piece of evidence and the rule that decided")
    .argument('[model]', 'model id')
    .option('--unknown', 'list models of unknown level (left out of the metrics)')
    .addOption(json())
    .action(action(io, () => import('./commands/classify.js')));

  program
    .command('explain-post')
    .description('what the launch reader makes of a post title (and lead): the models it names and the rule that decided')
    .argument('<title>', 'the post title')
    .option('--lead <text>', "the post's lead (first paragraph)")
    .option('--vendor <id>', 'read with this vendor file only (default: every vendor whose family the post names)')
    .addOption(json())
    .action(action(io, () => import('./commands/explain-post.js')));

  program
    .command('scores')
    .description('capability scores: scores import FILE.csv (model,benchmark,score,date,source_url, or an Epoch AI Benchmarking Hub CSV)')
    .argument('<action>', 'import')
    .argument('<file>', 'CSV file')
    .option('--benchmark <name>', 'benchmark of an Epoch AI Benchmarking Hub CSV (default: from the file name or its score column)')
    .addOption(
      new Option('--unit <unit>', 'unit of bare values of percentage benchmarks').choices(['auto', 'percent', 'fraction']).default('auto'),
    )
    .addOption(json())
    .action(action(io, () => import('./commands/scores.js')));

  program
    .command('import')
    .description("seed dated releases: import releases FILE.csv (Epoch AI's model data, or vendor,model,date,access,source_url)")
    .argument('<what>', 'releases')
    .argument('<file>', 'CSV file')
    .option('--vendor-map <pairs>', 'organisation=vendor pairs, comma-separated, added to the built-in ones')
    .addOption(json())
    .action(action(io, () => import('./commands/import-releases.js')));

  program
    .command('dispatch')
    .description('send the alerts that are due now')
    .addOption(json())
    .action(action(io, () => import('./commands/dispatch.js')));

  program
    .command('alerts')
    .description('the alerts outbox; `alerts retry <id|--failed>` requeues failed or dead alerts')
    .argument('[action]', 'retry')
    .argument('[id]', 'alert id (with retry)')
    .option('--status <status>', 'pending | sending | sent | failed | dead')
    .option('--failed', 'with retry: every failed and dead alert')
    .option('--limit <n>', 'at most n rows')
    .addOption(json())
    .action(action(io, () => import('./commands/alerts.js')));

  program
    .command('digest')
    .description('the weekly digest: print it, write it (--out) or send it (--send)')
    .option('--week <week>', 'ISO week, e.g. 2026-W15 (default: the last complete week)')
    .option('--as-of <date>', 'the week containing this date')
    .option('--format <format>', 'html | text | md | slack', 'text')
    .option('--send', 'send it through the configured channels (once per week)')
    .option('--send-empty', 'with --send: send even when nothing happened')
    .option('--out <file>', 'write it to this file')
    .addOption(json())
    .action(action(io, () => import('./commands/digest.js')));

  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 runtime failure, 2 bad usage or configuration). */
export async function main(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode ?? 0;
  } catch (err) {
    return report(err, io, verbose);
  }
}

function report(err: unknown, io: Io, verbose: boolean): number {
  if (err instanceof CommanderError) {
    // help and version "errors" are successes; commander already printed its message.
    return err.exitCode === 0 ? 0 : 2;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const code = e instanceof UsageError ? 2 : 1;
  const first = e instanceof UsageError || e instanceof RuntimeError ? e.message : `modelwatch: ${e.message}`;
  io.stderr.write(`${first}\n`);
  if (verbose && e.stack) io.stderr.write(`${e.stack}\n`);
  return code;
}
