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

/**
 * RSS under load: the highest VmRSS sampled every 250 ms while orders flowed (saturation and fixed
 * rate). Peak RSS (VmHWM, since the process started, so with its start-up) after the saturation
 * phase and at the end: the embedded mode's first start creates its PGlite database, a transient
 * of a few hundred MB that the peak keeps and the figure under load does not.
 */
export type ProcessFigures = {
  name: string;
  rssUnderLoadBytes: number;
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
  /** Embedded only: peak RSS of the first start, which creates the database (no load). */
  firstStartPeakRssBytes?: number;
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
  const rssUnderLoad = processes.map(() => 0);
  const sampleRss = () => {
    for (const [index, p] of processes.entries()) {
      // A process that died has no /proc entry: its figure stays what was sampled before.
      try {
        rssUnderLoad[index] = Math.max(rssUnderLoad[index] ?? 0, p.sample().rssBytes);
      } catch {}
    }
  };
  const rssSampler = setInterval(sampleRss, 250);
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
  clearInterval(rssSampler);
  sampleRss();
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
      rssUnderLoadBytes: rssUnderLoad[index] ?? Number.NaN,
      peakRssBytes: afterSaturation[index]?.peakRssBytes ?? Number.NaN,
      peakRssAtEndBytes: p.sample().peakRssBytes,
      cpuSecondsPer1000:
        (((afterSaturation[index]?.cpuSeconds ?? 0) - (cpuBefore[index] ?? 0)) / settings.orders) * 1000,
    })),
  };
}
