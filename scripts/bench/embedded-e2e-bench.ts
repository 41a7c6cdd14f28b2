/** End to end in the embedded mode (PGlite + table log, one process), same load as the Kafka mode. */
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import { type AsperionTarget, webhookShots } from './bench-infra.js';
import { measurePipeline, type PipelineFigures, type PipelineSettings } from './pipeline-measure.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';

export async function runEmbeddedE2eBench(
  target: AsperionTarget,
  settings: PipelineSettings & { customers: number; connectorRps: number },
): Promise<PipelineFigures> {
  let embedded: ServiceProcess | undefined;
  try {
    embedded = await startServiceProcess({
      name: 'embedded',
      entry: fileURLToPath(new URL('./embedded-pipeline-process.ts', import.meta.url)),
      env: {
        ASPERION_URL: target.url,
        ASPERION_REFRESH_TOKEN: target.asperion.tokens.mintRefreshToken(
          DEFAULT_CLIENT.clientId,
          DEFAULT_USER_ID,
        ),
        CONNECTOR_RPS: String(settings.connectorRps),
      },
      ready: { line: true },
      countStatements: 'pglite',
    });
    const [origin, path] = (embedded.readyLine ?? '').split(' ');
    if (!origin || !path) throw new Error(`the embedded process printed no URL: ${embedded.readyLine}`);
    return await measurePipeline({
      origin,
      target,
      processes: [embedded],
      shotOf: await webhookShots(path, settings.customers),
      settings,
    });
  } finally {
    await embedded?.stop();
  }
}
