// The few error classes of modelwatch. Messages start with the component
// (`config: ...`, `store: ...`); the CLI turns them into exit codes in one place.

/** Bad usage or bad configuration: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A runtime failure the user can act on (database unreadable, ...): exit code 1. */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/** A source failed. `transient` errors are retried with backoff; permanent ones too, but slower. */
export class SourceError extends Error {
  override name = 'SourceError';
  constructor(
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown; retryAt?: Date },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAt = options?.retryAt;
  }
  readonly retryAt?: Date;
}
