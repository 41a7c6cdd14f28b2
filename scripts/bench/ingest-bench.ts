/**
 * Ingest alone, as its own process (services/ingest/src/main.ts) on real Kafka and Postgres:
 * durable-acked webhooks/s and latency at saturation, latency at a fixed arrival rate, and the
 * same closed loop against bare Fastify parsing the same body (scripts/bench/bare-fastify-server.ts).
 */
import { fileURLToPath } from 'node:url';
import { type AsperionTarget, openBenchInfra, webhookShots } from './bench-infra.js';
import { type LatencySummary, summarize } from './bench-stats.js';
import { closedLoop, type LoadResult, openLoop, type Shot } from './load-generator.js';
import { listenPort } from '../support/listen-port.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';

export type IngestSettings = { requests: number; concurrency: number; rate: number; rateSeconds: number };

export type LoadFigures = { perSecond: number; latency: LatencySummary; failed: number; failures: string[] };

export type IngestFigures = {
  ingest: LoadFigures;
  bare: LoadFigures;
  ingestAtRate: LoadFigures & { rate: number };
  bareAtRate: LoadFigures & { rate: number };
  /** Peak RSS after the saturation run (bounded concurrency), and after the fixed-rate run. */
  ingestPeakRssBytes: number;
  ingestPeakRssAfterRateBytes: number;
  ingestCpuSecondsPer1000: number;
};

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const figures = (result: LoadResult): LoadFigures => ({
  perSecond: result.ok / result.seconds,
  latency: summarize(result.latencies),
  failed: result.failed,
  failures: result.failures,
});

export async function runIngestBench(
  target: AsperionTarget,
  settings: IngestSettings,
): Promise<IngestFigures> {
  const infra = await openBenchInfra(target, 1000);
  const shotOf = await webhookShots(infra.webhookPath, 100);
  let nextOrder = 1_000_000;
  const load = async (origin: string, shot: (index: number) => Shot, sample: () => number) => {
    await closedLoop({ origin, count: 200, concurrency: 16, shotOf: (i) => shot(nextOrder + i) });
    nextOrder += 200;
    const first = nextOrder;
    nextOrder += settings.requests;
    const saturated = await closedLoop({
      origin,
      count: settings.requests,
      concurrency: settings.concurrency,
      shotOf: (i) => shot(first + i),
    });
    const peakRssAfterSaturation = sample();
    const atRateFirst = nextOrder;
    const count = Math.round(settings.rate * settings.rateSeconds);
    nextOrder += count;
    const atRate = await openLoop({
      origin,
      count,
      ratePerSecond: settings.rate,
      shotOf: (i) => shot(atRateFirst + i),
    });
    return { saturated, atRate, peakRssAfterSaturation };
  };
  let ingest: ServiceProcess | undefined;
  let bare: ServiceProcess | undefined;
  try {
    const port = await listenPort();
    ingest = await startServiceProcess({
      name: 'ingest-alone',
      entry: here('../../services/ingest/src/main.ts'),
      env: infra.serviceEnv(port),
      ready: { url: `http://127.0.0.1:${port}/readyz` },
    });
    const cpuBefore = ingest.sample().cpuSeconds;
    const running = ingest;
    const ingestRuns = await load(`http://127.0.0.1:${port}`, shotOf, () => running.sample().peakRssBytes);
    const ingestSample = ingest.sample();
    const ingestRequests = 200 + settings.requests + Math.round(settings.rate * settings.rateSeconds);
    await ingest.stop();

    const barePort = await listenPort();
    bare = await startServiceProcess({
      name: 'bare-fastify',
      entry: here('./bare-fastify-server.ts'),
      env: { PORT: String(barePort) },
      ready: { line: true },
    });
    const bareRuns = await load(`http://127.0.0.1:${barePort}`, shotOf, () => Number.NaN);
    return {
      ingest: figures(ingestRuns.saturated),
      bare: figures(bareRuns.saturated),
      ingestAtRate: { ...figures(ingestRuns.atRate), rate: settings.rate },
      bareAtRate: { ...figures(bareRuns.atRate), rate: settings.rate },
      ingestPeakRssBytes: ingestRuns.peakRssAfterSaturation,
      ingestPeakRssAfterRateBytes: ingestSample.peakRssBytes,
      ingestCpuSecondsPer1000: ((ingestSample.cpuSeconds - cpuBefore) / ingestRequests) * 1000,
    };
  } finally {
    await ingest?.stop();
    await bare?.stop();
    await infra.close();
  }
}
