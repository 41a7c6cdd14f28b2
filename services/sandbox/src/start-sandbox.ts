import type { FastifyInstance } from 'fastify';
import { listenFailedError, portClashError } from './errors.js';
import { DEFAULT_PORTS, SYSTEMS, type SystemName } from './ports.js';
import { buildSimulator, type SandboxSimulators, stateFileOf } from './simulator-builders.js';

export type StartSandboxOptions = {
  /** Interface every simulator binds to; default loopback. */
  host?: string;
  /** Per-system ports over DEFAULT_PORTS; 0 lets the OS choose (tests). */
  ports?: Partial<Record<SystemName, number>>;
  /** Folder for `<system>.json` state files; unset keeps every simulator in memory. */
  stateDir?: string;
  /** Fastify request logging of every simulator. */
  logger?: boolean;
};

export type Sandbox = {
  /** Base URL of each simulator, e.g. `http://127.0.0.1:4101`. */
  urls: Readonly<Record<SystemName, string>>;
  /** The simulators' own handles (tokens, stores, sim-kit …) for tests and demos. */
  simulators: SandboxSimulators;
  /** Closes every simulator; the ports are free when it resolves. */
  close(): Promise<void>;
};

/**
 * Builds and listens all seven simulators, one after another in SYSTEMS order. If one cannot be
 * built or cannot listen, the ones already listening are closed before the error is thrown, so
 * a failed start leaves no port taken.
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const ports: Record<SystemName, number> = { ...DEFAULT_PORTS, ...options.ports };
  assertDistinctPorts(ports);

  const listening: FastifyInstance[] = [];
  const closeAll = async () => {
    const apps = listening.splice(0).reverse();
    await Promise.allSettled(apps.map((app) => app.close()));
  };
  const urls: Partial<Record<SystemName, string>> = {};
  const simulators: Partial<SandboxSimulators> = {};
  try {
    for (const system of SYSTEMS) {
      const port = ports[system];
      const sim = buildSimulator(system, {
        stateFile: stateFileOf(options.stateDir, system),
        publicBaseUrl: port === 0 || isWildcard(host) ? undefined : baseUrl(host, port),
        logger: options.logger ?? false,
      });
      try {
        await sim.app.listen({ host, port });
      } catch (error) {
        await sim.app.close();
        throw listenFailedError(system, host, port, error);
      }
      listening.push(sim.app);
      Object.assign(simulators, { [system]: sim });
      urls[system] = baseUrl(host, boundPort(sim.app));
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    urls: Object.freeze(urls as Record<SystemName, string>),
    simulators: simulators as SandboxSimulators,
    close: closeAll,
  };
}

function assertDistinctPorts(ports: Readonly<Record<SystemName, number>>): void {
  for (const port of new Set(Object.values(ports))) {
    if (port === 0) continue;
    const systems = SYSTEMS.filter((s) => ports[s] === port);
    if (systems.length > 1) throw portClashError(port, systems);
  }
}

function boundPort(app: FastifyInstance): number {
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('simulator is not on a TCP port');
  return address.port;
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

/** A URL a client on this machine can use: wildcard binds are reached over loopback. */
export function baseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
