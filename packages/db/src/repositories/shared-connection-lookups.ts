import type { Connection, ConnectionRepository } from './connection-repository.js';

/**
 * The connection repository with concurrent look-ups of one connection sharing one query: a burst
 * of webhooks for a shop costs one read per round trip, not one per request. Nothing is cached
 * past the query, so a connection deactivated meanwhile is refused from the next look-up on.
 */
export function shareConnectionLookups(connections: ConnectionRepository): ConnectionRepository {
  const inFlight = new Map<string, Promise<Connection | undefined>>();
  return {
    ...connections,
    find(id) {
      const running = inFlight.get(id);
      if (running) return running;
      const lookup = connections.find(id).finally(() => inFlight.delete(id));
      inFlight.set(id, lookup);
      return lookup;
    },
  };
}
