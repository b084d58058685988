// The `modelwatch` command: argument parsing, lazy command loading, exit codes in one place.
// Heavy libraries (octokit, cheerio, rss-parser, nodemailer) load only inside the commands.
import { Command, CommanderError, Option } from 'commander';
import { RuntimeError, UsageError } from './errors.js';
import { VERSION } from './version.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface GlobalOptions {
  db?: string;
  feeds?: string;
  json?: boolean;
  verbose?: boolean;
}

type Loader = () => Promise<{ default: (args: unknown[], opts: GlobalOptions & Record<string, unknown>, io: Io) => Promise<number | void> }>;

function action(io: Io, load: Loader) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
    const positional = args.slice(0, -2);
    const mod = await load();
    const code = await mod.default(positional, opts, io);
    if (typeof code === 'number' && code !== 0) process.exitCode = code;
  };
}

export function buildProgram(io: Io): Command {
  const program = new Command('modelwatch')
    .description('Watches AI model releases, licences, openness levels and the open-vs-proprietary gap per vendor.')
    .version(VERSION, '-V, --version')
    .option('--db <file>', 'SQLite database (env MODELWATCH_DB, default ./data/modelwatch.db)')
    .option('--feeds <dir>', 'vendor configuration folder (env MODELWATCH_FEEDS, default ./feeds)')
    .option('--verbose', 'print stack traces of errors')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const json = () => new Option('--json', 'machine-readable JSON output');

  program.command('migrate').description('apply pending database migrations').action(action(io, () => import('./commands/migrate.js')));

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

  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 runtime failure, 2 bad usage or configuration). */
export async function main(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
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
