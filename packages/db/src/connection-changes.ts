/**
 * Tells a listener the id of every connection whose row changed (migration
 * 0015-connection-change-notices). Only offered where a change is told before the statement that
 * committed it returns to its caller: PGlite, whose one connection hands the notice to the
 * listener while it answers that statement. A server's notices reach another client later, so a
 * Postgres handle has none, and a cache trusting them could serve a connection already changed.
 */
export type ConnectionChanges = {
  /** Starts listening; the returned function stops. */
  listen(onChange: (connectionId: string) => void): Promise<() => Promise<void>>;
};

export const connectionChangeChannel = 'koppel_connection_changed';
