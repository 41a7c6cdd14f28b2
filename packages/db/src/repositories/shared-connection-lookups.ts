import type { ConnectionRepository, ConnectionSide } from './connection-repository.js';

/**
 * The connection repository with concurrent look-ups of one connection sharing one query: a burst
 * of webhooks for a shop, or of deliveries asking for their session, costs one read per round
 * trip, not one per record. Nothing is cached past the query, so a connection changed or
 * deactivated meanwhile is seen from the next look-up on.
 */
export function shareConnectionLookups(connections: ConnectionRepository): ConnectionRepository {
  const found = sharedInFlight((id: string) => connections.find(id));
  const sealed = sharedInFlight((key: string) => {
    const [id = '', side] = JSON.parse(key) as [string, ConnectionSide];
    return connections.findWithSealedCredentials(id, side);
  });
  return {
    ...connections,
    find: (id) => found(id),
    findWithSealedCredentials: (id, side) => sealed(JSON.stringify([id, side])),
  };
}

/** Calls of `load` with a key already being loaded get that load's promise. */
function sharedInFlight<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key) => {
    const running = inFlight.get(key);
    if (running) return running;
    const loading = load(key).finally(() => inFlight.delete(key));
    inFlight.set(key, loading);
    return loading;
  };
}
