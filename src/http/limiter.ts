// At most N requests in flight per host: politeness towards each API, and GitHub's secondary
// limits punish bursts of concurrent requests. A slot is held for one attempt (headers and
// body), never during a backoff wait.

export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

interface HostState {
  active: number;
  waiting: Array<() => void>;
}

export function createHostLimiter(perHost: number): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1) {
    throw new RangeError(`http: perHostConcurrency must be a positive integer, got ${perHost}`);
  }
  const hosts = new Map<string, HostState>();

  async function acquire(host: string): Promise<void> {
    const state = hosts.get(host) ?? { active: 0, waiting: [] };
    hosts.set(host, state);
    if (state.active < perHost) {
      state.active++;
      return;
    }
    // The releasing task hands its slot over directly, so `active` never dips in between.
    await new Promise<void>((resolve) => state.waiting.push(resolve));
  }

  function release(host: string): void {
    const state = hosts.get(host);
    if (!state) return;
    const next = state.waiting.shift();
    if (next) return next();
    state.active--;
    if (state.active === 0) hosts.delete(host);
  }

  return {
    async run(host, task) {
      await acquire(host);
      try {
        return await task();
      } finally {
        release(host);
      }
    },
  };
}
