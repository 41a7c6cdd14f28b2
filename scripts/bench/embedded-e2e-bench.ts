/**
 * End to end in the embedded mode (PGlite + table log, one process), same load as the Kafka mode.
 * A first process creates the database and stops; the measured one starts on it, as every start
 * of an installation after its first. PGlite's WASM memory grows while it creates a database and
 * never shrinks, so the first start's peak is reported on its own (`firstStartPeakRssBytes`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const dataDir = mkdtempSync(join(tmpdir(), 'koppel-bench-embedded-'));
  const entry = fileURLToPath(new URL('./embedded-pipeline-process.ts', import.meta.url));
  const env = {
    ASPERION_URL: target.url,
    ASPERION_REFRESH_TOKEN: target.asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
    CONNECTOR_RPS: String(settings.connectorRps),
    DATA_DIR: dataDir,
  };
  try {
    const firstStart = await startServiceProcess({
      name: 'embedded-first-start',
      entry,
      env: { ...env, PREPARE_ONLY: 'true' },
      ready: { line: true },
    });
    const firstStartPeakRssBytes = firstStart.sample().peakRssBytes;
    await firstStart.stop();
    embedded = await startServiceProcess({
      name: 'embedded',
      entry,
      env,
      ready: { line: true },
      countStatements: 'pglite',
    });
    const [origin, path] = (embedded.readyLine ?? '').split(' ');
    if (!origin || !path) throw new Error(`the embedded process printed no URL: ${embedded.readyLine}`);
    const figures = await measurePipeline({
      origin,
      target,
      processes: [embedded],
      shotOf: await webhookShots(path, settings.customers),
      settings,
    });
    return { ...figures, firstStartPeakRssBytes };
  } finally {
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
