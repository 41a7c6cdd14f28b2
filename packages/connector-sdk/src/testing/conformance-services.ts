import type { FetchLike, SessionServices } from '../connection-context.js';

/** Session services for conformance runs: real fetch, counted, credentials saved in memory. */
export function createCountingServices(): SessionServices & {
  calls(): number;
  saved: Record<string, unknown>;
} {
  let calls = 0;
  const saved: Record<string, unknown> = {};
  const counted: FetchLike = (input, init) => {
    calls += 1;
    return fetch(input, init);
  };
  return {
    saved,
    calls: () => calls,
    async saveCredentials(values) {
      Object.assign(saved, values);
    },
    async withCredentialsLock(work) {
      const { save, result } = await work({ ...saved });
      if (save) Object.assign(saved, save);
      return result;
    },
    fetch: counted,
    now: Date.now,
    requestTimeoutMs: 10_000,
  };
}
