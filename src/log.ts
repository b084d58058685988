// Logs: one JSON object per line when the stream is not a terminal, readable lines when it is.
// Every line passes through the redactor: no secret is ever written.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  level?: LogLevel;
  redact?: (s: string) => string;
  now?: () => Date;
  /** Force JSON (true) or text (false); default: JSON unless the stream is a terminal. */
  json?: boolean;
}

export function createLogger(opts: LoggerOptions): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const redact = opts.redact ?? ((s: string) => s);
  const now = opts.now ?? (() => new Date());
  const json = opts.json ?? !opts.stream.isTTY;
  const write = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < min) return;
    const time = now().toISOString();
    let line: string;
    if (json) line = JSON.stringify({ time, level, msg, ...fields });
    else {
      const extra = Object.entries(fields)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      line = `${time.slice(11, 19)} ${level.toUpperCase().padEnd(5)} ${msg}${extra ? '  ' + extra : ''}`;
    }
    opts.stream.write(redact(line) + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
