import type { FetchLike } from '@koppel/connector-sdk';

/**
 * `fetch` whose every request also ends when `signal` aborts (a runner stopping), besides its
 * own signal (the connector's request timeout). A stop then cuts a long poll short at its next
 * request instead of waiting out every page behind a rate limit.
 */
export function fetchEndingOn(fetch: FetchLike, signal: AbortSignal): FetchLike {
  return (input, init) => {
    const own = init?.signal ?? undefined;
    return fetch(input, { ...init, signal: own ? AbortSignal.any([own, signal]) : signal });
  };
}
