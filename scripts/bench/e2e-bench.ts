/**
 * End to end on real Kafka and Postgres, every stage as its own process (each deployable's
 * main.ts: ingest, mapping, customer-registry, delivery, connector-asperion), the Asperion
 * simulator as target in this process.
 */
import { fileURLToPath } from 'node:url';
import { type AsperionTarget, openBenchInfra, webhookShots } from './bench-infra.js';
import { measurePipeline, type PipelineFigures, type PipelineSettings } from './pipeline-measure.js';
import { listenPort } from '../support/listen-port.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';

/** The deployables of the Kafka mode, in pipeline order. */
export const STAGES = ['ingest', 'mapping', 'customer-registry', 'delivery', 'connector-asperion'] as const;

export type OpenBenchInfra = Awaited<ReturnType<typeof openBenchInfra>>;

/** Starts the named stages as processes of their own on this run's database and topics. */
export async function startStages(
  infra: OpenBenchInfra,
  stages: readonly string[],
): Promise<{ processes: ServiceProcess[]; ports: Map<string, number> }> {
  const ports = new Map<string, number>();
  for (const stage of stages) ports.set(stage, await listenPort());
  const started = await Promise.allSettled(
    stages.map((stage) => {
      const port = ports.get(stage) ?? 0;
      return startServiceProcess({
        name: stage,
        entry: fileURLToPath(new URL(`../../services/${stage}/src/main.ts`, import.meta.url)),
        env: infra.serviceEnv(port),
        ready: { url: `http://127.0.0.1:${port}/readyz` },
        timeoutMs: 240_000,
        countStatements: 'pg',
      });
    }),
  );
  const processes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(processes.map((p) => p.stop()));
    throw failed.reason;
  }
  return { processes, ports };
}

export async function runKafkaE2eBench(
  target: AsperionTarget,
  settings: PipelineSettings & { customers: number; connectorRps: number },
): Promise<PipelineFigures> {
  const infra = await openBenchInfra(target, settings.connectorRps);
  let processes: ServiceProcess[] = [];
  try {
    const started = await startStages(infra, STAGES);
    processes = started.processes;
    return await measurePipeline({
      origin: `http://127.0.0.1:${started.ports.get('ingest')}`,
      target,
      processes,
      shotOf: await webhookShots(infra.webhookPath, settings.customers),
      settings,
    });
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await infra.close();
  }
}
