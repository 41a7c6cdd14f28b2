import type { BaseServiceEnv } from '@koppel/config';
import type { FastifyInstance } from 'fastify';
import { installGracefulShutdown } from './graceful-shutdown.js';
import { createServiceRuntime, type ServiceRuntime } from './service-runtime.js';

export type DeployableParts = {
  app: FastifyInstance;
  /** Stops consuming; in-flight records finish and are committed. */
  stop?: () => Promise<void>;
};

/**
 * The body of every main.ts: runtime (Postgres migrated, Kafka topics ensured, metrics),
 * the service's own parts, listen, and a graceful shutdown that stops intake first, then lets
 * consumers commit what they processed, then closes clients and flushes traces.
 */
export async function runDeployable(options: {
  serviceName: string;
  config: BaseServiceEnv;
  tracing: { shutdown(): Promise<void> };
  build: (runtime: ServiceRuntime) => Promise<DeployableParts>;
}): Promise<void> {
  const runtime = await createServiceRuntime(options.serviceName, options.config, {
    log: (msg) =>
      process.stdout.write(
        `${JSON.stringify({ level: 30, time: Date.now(), service: options.serviceName, msg })}\n`,
      ),
  });
  const parts = await options.build(runtime);
  await parts.app.listen({ port: options.config.PORT, host: options.config.HOST });
  installGracefulShutdown(
    [
      { name: 'consumers', run: async () => parts.stop?.() },
      { name: 'http', run: () => parts.app.close() },
      { name: 'runtime', run: () => runtime.close() },
      { name: 'tracing', run: () => options.tracing.shutdown() },
    ],
    { timeoutMs: options.config.SHUTDOWN_TIMEOUT_MS, log: (m) => parts.app.log.info(m) },
  );
}
