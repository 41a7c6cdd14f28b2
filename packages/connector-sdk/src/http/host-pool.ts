/**
 * Keep-alive connections to target hosts: an undici Agent keeps one Pool per origin (scheme,
 * host and port), each bounded to `connectionsPerHost` sockets that stay open between calls, so
 * a burst of deliveries to one target reuses a few warm TLS connections instead of opening one
 * per call (https://undici.nodejs.org/#/docs/api/Agent, .../Pool). The process shares one.
 */
import { Agent } from 'undici';

export type HostPoolOptions = {
  /** Most open sockets per target origin; further calls queue for a free one. */
  connectionsPerHost: number;
  /** How long an idle socket stays open when the server sends no Keep-Alive hint (ms). */
  keepAliveTimeoutMs: number;
  /** Upper bound on a server's Keep-Alive hint (ms). */
  keepAliveMaxTimeoutMs: number;
  /** Timeout of opening a connection, TLS included (ms). */
  connectTimeoutMs: number;
};

export const DEFAULT_HOST_POOL_OPTIONS: Readonly<HostPoolOptions> = Object.freeze({
  connectionsPerHost: 16,
  keepAliveTimeoutMs: 10_000,
  keepAliveMaxTimeoutMs: 60_000,
  connectTimeoutMs: 10_000,
});

export type HostPool = Agent;

export function createHostPool(options: Partial<HostPoolOptions> = {}): HostPool {
  const settings = { ...DEFAULT_HOST_POOL_OPTIONS, ...options };
  return new Agent({
    connections: settings.connectionsPerHost,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    keepAliveMaxTimeout: settings.keepAliveMaxTimeoutMs,
    connect: { timeout: settings.connectTimeoutMs },
  });
}

let shared: HostPool | undefined;

/** The process's pool of target connections, made on first use. */
export function sharedHostPool(): HostPool {
  shared ??= createHostPool();
  return shared;
}
