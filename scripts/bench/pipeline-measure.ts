/**
 * The end-to-end measurement both modes share: webhooks into a running pipeline, invoices watched
 * in the Asperion simulator. Saturation (closed loop: orders/s until the last invoice, latency
 * webhook → invoice), then a fixed arrival rate (open loop: latency from each webhook's due time to
 * its invoice), with peak RSS and CPU seconds per 1,000 orders of every process in the pipeline.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AsperionTarget } from './bench-infra.js';
import { type LatencySummary, summarize } from './bench-stats.js';
import { closedLoop, openLoop, type Shot } from './load-generator.js';
import type { ServiceProcess } from './service-process.js';

export type PipelineSettings = {
  warmup: number;
  orders: number;
  concurrency: number;
  rate: number;
  rateSeconds: number;
  /** Longest wait for the last invoice of a phase, in ms. */
  drainTimeoutMs: number;
};

/** Peak RSS after the saturation phase (bounded concurrency) and at the end (after the fixed rate). */
export type ProcessFigures = {
  name: string;
  peakRssBytes: number;
  peakRssAtEndBytes: number;
  cpuSecondsPer1000: number;
};

export type PipelineFigures = {
  ingestPerSecond: number;
  perSecond: number;
  delivered: number;
  sent: number;
  saturationLatency: LatencySummary;
  rate: number;
  rateSent: number;
  rateDelivered: number;
  rateLatency: LatencySummary;
  processes: ProcessFigures[];
  /** Database statements of every process per order in the saturation phase (NaN: not counted). */
  statementsPerOrder: number;
};

export async function measurePipeline(options: {
  origin: string;
  target: AsperionTarget;
  processes: ServiceProcess[];
  shotOf: (innerId: number) => Shot;
  settings: PipelineSettings;
}): Promise<PipelineFigures> {
  const { origin, target, processes, shotOf, settings } = options;
  let nextOrder = 1;
  /** Sends `count` orders with `send`, waits for their invoices; send and invoice time per order. */
  const phase = async (
    count: number,
    send: (first: number, onSend: (i: number, at: number) => void) => Promise<unknown>,
  ) => {
    const first = nextOrder;
    nextOrder += count;
    const sentAt = new Map<number, number>();
    const seenAt = new Map<number, number>();
    const stopWatching = target.watch((innerId, at) => {
      if (innerId >= first && innerId < first + count && !seenAt.has(innerId)) seenAt.set(innerId, at);
    });
    const started = performance.now();
    await send(first, (i, at) => sentAt.set(first + i, at));
    const sendSeconds = (performance.now() - started) / 1000;
    const deadline = performance.now() + settings.drainTimeoutMs;
    while (seenAt.size < count && performance.now() < deadline) await sleep(20);
    await stopWatching();
    const latencies = [...seenAt].map(([innerId, at]) => at - (sentAt.get(innerId) ?? at));
    const last = Math.max(...seenAt.values());
    return { started, sendSeconds, seenAt, latencies, seconds: (last - started) / 1000 };
  };
  const closed = (count: number) => (first: number, onSend: (i: number, at: number) => void) =>
    closedLoop({
      origin,
      count,
      concurrency: settings.concurrency,
      shotOf: (i) => shotOf(first + i),
      onSend,
    });

  await phase(settings.warmup, closed(settings.warmup));
  const cpuBefore = processes.map((p) => p.sample().cpuSeconds);
  const statements = () => processes.reduce((sum, p) => sum + p.statements(), 0);
  const statementsBefore = statements();
  const saturation = await phase(settings.orders, closed(settings.orders));
  const afterSaturation = processes.map((p) => p.sample());
  // The last invoice's own trailing writes (ledger mark, journey) and the count's 200 ms refresh.
  await sleep(500);
  const statementsDuring = statements() - statementsBefore;
  const rateCount = Math.round(settings.rate * settings.rateSeconds);
  const atRate = await phase(rateCount, (first, onSend) =>
    openLoop({
      origin,
      count: rateCount,
      ratePerSecond: settings.rate,
      shotOf: (i) => shotOf(first + i),
      onSend,
    }),
  );
  return {
    ingestPerSecond: settings.orders / saturation.sendSeconds,
    perSecond: saturation.seenAt.size / saturation.seconds,
    delivered: saturation.seenAt.size,
    sent: settings.orders,
    saturationLatency: summarize(saturation.latencies),
    rate: settings.rate,
    rateSent: rateCount,
    rateDelivered: atRate.seenAt.size,
    rateLatency: summarize(atRate.latencies),
    statementsPerOrder: statementsDuring / settings.orders,
    processes: processes.map((p, index) => ({
      name: p.name,
      peakRssBytes: afterSaturation[index]?.peakRssBytes ?? Number.NaN,
      peakRssAtEndBytes: p.sample().peakRssBytes,
      cpuSecondsPer1000:
        (((afterSaturation[index]?.cpuSeconds ?? 0) - (cpuBefore[index] ?? 0)) / settings.orders) * 1000,
    })),
  };
}
