// The CLI entry point run in process (no build): stdout, stderr and the exit code of one command.
import { main } from '../../src/cli.js';
import type { Io } from '../../src/commands/io.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(args: string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (c: string) => ((stdout += c), true) } as unknown as Io['stdout'],
    stderr: { write: (c: string) => ((stderr += c), true) } as unknown as Io['stderr'],
    // The shipped seed of releases is off unless a test asks for it, as in helpers/cli.ts.
    env: { MODELWATCH_SEED: 'off', ...env },
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
