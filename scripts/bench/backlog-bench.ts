/**
 * A backlog drained: N orders go into `orders.raw` through ingest while nothing downstream runs
 * (a shop's burst after an outage), then mapping, customer-registry, delivery and the Asperion
 * connector start, each as its own process, and the invoices booked are timed per chunk, so a
 * cost that grows with N shows as falling orders/s from chunk to chunk. Each chunk also notes the
 * CPU seconds every stage spent while it drained, per 1,000 orders booked in it, and the stage's
 * RSS when it ended; the stages before the connector run ahead of it in a backlog, so their share
 * moves from early chunks to later ones, and the whole drain's cost per stage is given too.
 * The simulator keeps every invoice in this process: a backlog of a million wants a larger heap
 * here (`npm run bench` gives its own process one; the services keep Node's default).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AsperionTarget, openBenchInfra, webhookShots } from './bench-infra.js';
import { mb } from './bench-stats.js';
import { STAGES, startStages } from './e2e-bench.js';
import { closedLoop } from './load-generator.js';
import type { ServiceProcess } from './service-process.js';

export type BacklogSettings = {
  orders: number;
  chunk: number;
  customers: number;
  connectorRps: number;
  timeoutMs: number;
};

/** What one stage spent on a chunk: CPU seconds per 1,000 orders, and its RSS at the chunk's end. */
export type StageCost = { name: string; cpuSecondsPer1000: number; rssBytes: number };

export type BacklogChunk = { upTo: number; perSecond: number; stages: StageCost[] };

export type BacklogFigures = {
  orders: number;
  loadPerSecond: number;
  chunks: BacklogChunk[];
  /** CPU seconds per 1,000 orders of each stage over the whole drain, and its RSS at the end. */
  stages: StageCost[];
  drained: number;
  /** Invoices booked with a number booked before: must be 0. */
  duplicates: number;
  perSecond: number;
};

export async function runBacklogBench(
  target: AsperionTarget,
  settings: BacklogSettings,
): Promise<BacklogFigures> {
  const infra = await openBenchInfra(target, settings.connectorRps);
  const processes: ServiceProcess[] = [];
  try {
    const ingest = await startStages(infra, ['ingest']);
    processes.push(...ingest.processes);
    const shotOf = await webhookShots(infra.webhookPath, settings.customers);
    const loaded = await closedLoop({
      origin: `http://127.0.0.1:${ingest.ports.get('ingest')}`,
      count: settings.orders,
      concurrency: 64,
      shotOf: (i) => shotOf(i + 1),
    });
    if (loaded.failed > 0)
      throw new Error(`backlog load: ${loaded.failed} failed (${loaded.failures.join('; ')})`);
    const before = target.invoiceCount();
    const started = performance.now();
    const draining = (
      await startStages(
        infra,
        STAGES.filter((stage) => stage !== 'ingest'),
      )
    ).processes;
    processes.push(...draining);
    const cpuAtDrainStart = draining.map((p) => p.sample().cpuSeconds);
    let cpuAtChunkStart = cpuAtDrainStart;
    /** Each stage's cost since the CPU seconds in `since`, per 1,000 of `size` orders, and the CPU seconds now. */
    const stageCosts = (since: number[], size: number) => {
      const samples = draining.map((p) => p.sample());
      const costs: StageCost[] = draining.map((p, i) => ({
        name: p.name,
        cpuSecondsPer1000: (((samples[i]?.cpuSeconds ?? 0) - (since[i] ?? 0)) / size) * 1000,
        rssBytes: samples[i]?.rssBytes ?? Number.NaN,
      }));
      return { costs, cpuSeconds: samples.map((sample) => sample.cpuSeconds) };
    };
    const chunks: BacklogChunk[] = [];
    let chunkStarted = started;
    const deadline = started + settings.timeoutMs;
    let drained = 0;
    while (drained < settings.orders && performance.now() < deadline) {
      await sleep(50);
      drained = target.invoiceCount() - before;
      const now = performance.now();
      // Every chunk boundary passed since the last look ends a chunk (a poll may pass several).
      while (chunks.length * settings.chunk < Math.min(drained, settings.orders)) {
        const upTo = Math.min((chunks.length + 1) * settings.chunk, settings.orders);
        if (drained < upTo) break;
        const size = upTo - chunks.length * settings.chunk;
        const spent = stageCosts(cpuAtChunkStart, size);
        cpuAtChunkStart = spent.cpuSeconds;
        const chunk = { upTo, perSecond: size / ((now - chunkStarted) / 1000), stages: spent.costs };
        chunks.push(chunk);
        console.log(
          `  backlog: ${upTo} drained, ${chunk.perSecond.toFixed(0)} orders/s in this chunk; ${stageCostLine(chunk.stages)}`,
        );
        chunkStarted = now;
      }
    }
    return {
      orders: settings.orders,
      loadPerSecond: loaded.ok / loaded.seconds,
      chunks,
      stages: stageCosts(cpuAtDrainStart, Math.max(drained, 1)).costs,
      drained,
      duplicates: target.duplicateCount(),
      perSecond: drained / ((performance.now() - started) / 1000),
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await infra.close();
  }
}

/** `connector-asperion 3.41 s, 466 MB · mapping …`: CPU seconds per 1,000 orders and RSS per stage, costliest first. */
export function stageCostLine(stages: StageCost[]): string {
  return [...stages]
    .sort((a, b) => b.cpuSecondsPer1000 - a.cpuSecondsPer1000)
    .map((stage) => `${stage.name} ${stage.cpuSecondsPer1000.toFixed(2)} s, ${mb(stage.rssBytes)}`)
    .join(' · ');
}
