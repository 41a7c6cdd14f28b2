/**
 * A backlog drained: N orders go into `orders.raw` through ingest while nothing downstream runs
 * (a shop's burst after an outage), then mapping, customer-registry, delivery and the Asperion
 * connector start, each as its own process, and the invoices booked are timed per chunk, so a
 * cost that grows with N shows as falling orders/s from chunk to chunk.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AsperionTarget, openBenchInfra, webhookShots } from './bench-infra.js';
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

export type BacklogFigures = {
  orders: number;
  loadPerSecond: number;
  chunks: { upTo: number; perSecond: number }[];
  drained: number;
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
    processes.push(
      ...(
        await startStages(
          infra,
          STAGES.filter((stage) => stage !== 'ingest'),
        )
      ).processes,
    );
    const chunks: BacklogFigures['chunks'] = [];
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
        chunks.push({ upTo, perSecond: size / ((now - chunkStarted) / 1000) });
        console.log(
          `  backlog: ${upTo} drained, ${chunks.at(-1)?.perSecond.toFixed(0)} orders/s in this chunk`,
        );
        chunkStarted = now;
      }
    }
    return {
      orders: settings.orders,
      loadPerSecond: loaded.ok / loaded.seconds,
      chunks,
      drained,
      perSecond: drained / ((performance.now() - started) / 1000),
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await infra.close();
  }
}
