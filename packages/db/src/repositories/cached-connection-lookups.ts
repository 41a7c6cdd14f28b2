import type { ConnectionChanges } from '../connection-changes.js';
import type { ConnectionRepository } from './connection-repository.js';

export type CachedConnectionLookups = {
  connections: ConnectionRepository;
  /** Stops listening for changes (the cache then must not be used any more). */
  stop(): Promise<void>;
};

/**
 * Keeps the connections that `find` and `findWithSealedCredentials` found in memory until a
 * change of any connection is told (`changes`), so the records of a burst read each connection
 * once instead of once per record and stage. Concurrent reads of one key share one read.
 *
 * Only what was found is kept: an unknown id (a webhook to a made-up connection) is asked again
 * each time and costs no memory. A change empties the whole cache, in flight reads included, so a
 * read that started before a change is never kept after it. Writes go to `connections` unchanged.
 */
export async function cacheConnectionLookups(
  connections: ConnectionRepository,
  changes: ConnectionChanges,
  options: { maxEntries?: number } = {},
): Promise<CachedConnectionLookups> {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Promise<unknown>>();
  const stopListening = await changes.listen(() => entries.clear());

  function read<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const kept = entries.get(key) as Promise<T | undefined> | undefined;
    if (kept) return kept;
    if (entries.size >= maxEntries) entries.clear();
    const loading = load();
    entries.set(key, loading);
    const forget = () => {
      if (entries.get(key) === loading) entries.delete(key);
    };
    loading.then((found) => {
      if (found === undefined) forget();
    }, forget);
    return loading;
  }

  return {
    connections: {
      ...connections,
      find: (id) => read(`find ${id}`, () => connections.find(id)),
      findWithSealedCredentials: (id, side) =>
        read(`sealed ${side} ${id}`, () => connections.findWithSealedCredentials(id, side)),
    },
    stop: () => stopListening(),
  };
}
