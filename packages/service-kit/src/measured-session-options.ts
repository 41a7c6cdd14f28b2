import { pooledFetch } from '@koppel/connector-sdk';
import { createSessionCache, type SessionOpener, type SessionOptions } from '@koppel/connector-registry';
import type { ConnectionRepository, ConnectionSide } from '@koppel/db';
import { instrumentTargetFetch, type ServiceMetrics } from '@koppel/telemetry';
import { fetchEndingOn } from './fetch-ending-on.js';

/**
 * Session options whose fetch is measured and traced (`instrumentTargetFetch`): every call a
 * runner's sessions make to an external system, a target's or a shop's, gets a client span with
 * the W3C `traceparent` and the `koppel_target_request*` metrics labelled by system and by what
 * the runner was doing (`delivery`, `stock-read`, `stock-push`, `product-sync`, `poll`,
 * `write-back`). Without a fetch of the caller's, calls go over the pooled fetch of
 * @koppel/connector-sdk (undici's request API, a fraction of Node fetch's CPU per call). With
 * `stopSignal`, every call also ends when the runner stops (`fetchEndingOn`).
 */
export function measuredSessionOptions(
  session: SessionOptions | undefined,
  labels: { system: string; operation: string; metrics: ServiceMetrics },
  stopSignal?: AbortSignal,
): SessionOptions {
  const base = session?.fetch ?? pooledFetch;
  const measured = instrumentTargetFetch(base, labels);
  return { ...session, fetch: stopSignal ? fetchEndingOn(measured, stopSignal) : measured };
}

/** A runner's session cache whose calls are measured and traced (`measuredSessionOptions`). */
export function measuredSessionCache<Session>(
  connector: SessionOpener<Session>,
  side: ConnectionSide,
  operation: string,
  deps: {
    connections: ConnectionRepository;
    session?: SessionOptions;
    metrics: ServiceMetrics;
    /** Ends every call of these sessions once aborted (the runner stopping). */
    stopSignal?: AbortSignal;
  },
) {
  return createSessionCache(
    connector,
    deps.connections,
    side,
    measuredSessionOptions(
      deps.session,
      { system: connector.system, operation, metrics: deps.metrics },
      deps.stopSignal,
    ),
  );
}
