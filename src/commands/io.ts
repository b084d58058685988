// The CLI's I/O types: what every command receives from `cli.ts` (streams, environment, global options).

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Set by the command that ran (its exit code); `main` returns it. */
  exitCode?: number;
  /** Columns tables are fitted to (Infinity with --wide); set by the CLI before a command runs. */
  width?: number;
}

export interface GlobalOptions {
  db?: string;
  feeds?: string;
  json?: boolean;
  verbose?: boolean;
  wide?: boolean;
}
