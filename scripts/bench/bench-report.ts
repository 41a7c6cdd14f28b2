/** The side-by-side table `npm run bench` ends with: Kafka + Postgres mode, embedded mode, goal. */
import { cpus } from 'node:os';
import { type BacklogFigures, stageCostLine } from './backlog-bench.js';
import { type BenchRuntime, benchRuntime } from './bench-runtime.js';
import { latencyLine, mb, perSecond } from './bench-stats.js';
import type { IngestFigures } from './ingest-bench.js';
import type { PipelineFigures, ProcessFigures } from './pipeline-measure.js';

export type BenchResults = {
  ingest?: IngestFigures;
  kafka?: PipelineFigures;
  embedded?: PipelineFigures;
  backlog?: BacklogFigures;
};

const row = (label: string, kafka: string, embedded: string, goal: string) =>
  `  ${label.padEnd(46)} ${kafka.padEnd(44)} ${embedded.padEnd(44)} ${goal}`;

const delivered = (f: PipelineFigures | undefined, rate = false) =>
  f ? (rate ? `${f.rateDelivered}/${f.rateSent} delivered` : `${f.delivered}/${f.sent} delivered`) : '—';

/** Statements every process of the mode sent to its database, per order (pg or PGlite calls). */
const statementsLine = (f: PipelineFigures | undefined) =>
  f && Number.isFinite(f.statementsPerOrder) ? f.statementsPerOrder.toFixed(1) : '—';

/**
 * RSS under load (the highest sampled) · peak RSS since start after the saturation phase / at the
 * end (after the fixed rate) · CPU per 1,000 orders.
 */
const processLine = (p: ProcessFigures) =>
  `${mb(p.rssUnderLoadBytes)} · ${mb(p.peakRssBytes)} / ${mb(p.peakRssAtEndBytes)} · ${p.cpuSecondsPer1000.toFixed(2)} s`;

const runtimeLabel: Record<BenchRuntime, string> = {
  bundle: 'processes run as bundles (node dist/main.mjs, as the images)',
  tsx: 'processes run under tsx (as npm start)',
};

export function printReport(results: BenchResults): void {
  const { ingest, kafka, embedded, backlog } = results;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '',
    `Koppel benchmark — ${new Date().toISOString()} — ${cpus().length} × ${cpu}, Node ${process.version}, ${runtimeLabel[benchRuntime]}`,
    row('', 'Kafka + Postgres (one process each)', 'embedded (PGlite + table log)', 'goal'),
  ];
  if (ingest) {
    const ratio = ingest.ingest.perSecond / ingest.bare.perSecond;
    lines.push(
      row(
        'ingest, durable-acked webhooks/s',
        perSecond(ingest.ingest.perSecond),
        perSecond(embedded?.ingestPerSecond ?? Number.NaN),
        '',
      ),
      row('  latency at saturation', latencyLine(ingest.ingest.latency), '', ''),
      row('bare Fastify, same body, webhooks/s', perSecond(ingest.bare.perSecond), '', ''),
      row('  latency at saturation', latencyLine(ingest.bare.latency), '', ''),
      row('ingest / bare Fastify', `${(ratio * 100).toFixed(1)} %`, '', '≥ 50 %'),
      row(
        `ingest at ${ingest.ingestAtRate.rate} req/s (open loop)`,
        latencyLine(ingest.ingestAtRate.latency),
        '',
        'p99 < 50 ms',
      ),
      row(
        `  bare Fastify at ${ingest.bareAtRate.rate} req/s`,
        latencyLine(ingest.bareAtRate.latency),
        '',
        '',
      ),
      row(
        'ingest failures (saturation / rate)',
        `${ingest.ingest.failed} / ${ingest.ingestAtRate.failed}`,
        '',
        '0',
      ),
    );
  }
  if (kafka || embedded) {
    lines.push(
      row(
        'end to end, orders/s at saturation',
        perSecond(kafka?.perSecond ?? Number.NaN),
        perSecond(embedded?.perSecond ?? Number.NaN),
        '≥ 2,000/s',
      ),
      row('  of which', delivered(kafka), delivered(embedded), ''),
      row(
        '  webhook → invoice at saturation',
        kafka ? latencyLine(kafka.saturationLatency) : '—',
        embedded ? latencyLine(embedded.saturationLatency) : '—',
        '',
      ),
      row(
        `webhook → invoice at ${kafka?.rate ?? embedded?.rate}/s (open loop)`,
        kafka ? latencyLine(kafka.rateLatency) : '—',
        embedded ? latencyLine(embedded.rateLatency) : '—',
        'p99 < 500 ms',
      ),
      row('  of which', delivered(kafka, true), delivered(embedded, true), ''),
      row('database statements per order (saturation)', statementsLine(kafka), statementsLine(embedded), ''),
    );
    const names = [
      ...new Set([...(kafka?.processes ?? []), ...(embedded?.processes ?? [])].map((p) => p.name)),
    ];
    for (const name of names) {
      const k = kafka?.processes.find((p) => p.name === name);
      const e = embedded?.processes.find((p) => p.name === name);
      lines.push(
        row(
          `${name}: RSS load · peak sat./end · CPU/1,000`,
          k ? processLine(k) : '',
          e ? processLine(e) : '',
          name === 'embedded' ? '< 300 MB' : '< 150 MB',
        ),
      );
    }
    if (embedded?.firstStartPeakRssBytes !== undefined) {
      lines.push(
        row(
          '  embedded first start (creates its database)',
          '',
          `peak ${mb(embedded.firstStartPeakRssBytes)}`,
          '',
        ),
      );
    }
    const slowest = [...(kafka?.processes ?? [])].sort(
      (a, b) => b.cpuSecondsPer1000 - a.cpuSecondsPer1000,
    )[0];
    if (slowest) lines.push(row('most CPU per order (Kafka mode)', slowest.name, '', ''));
  }
  if (ingest)
    lines.push(
      row(
        'ingest alone: RSS sat./end · CPU s per 1,000',
        `${mb(ingest.ingestPeakRssBytes)} / ${mb(ingest.ingestPeakRssAfterRateBytes)} · ${ingest.ingestCpuSecondsPer1000.toFixed(2)} s`,
        '',
        '< 150 MB',
      ),
    );
  if (backlog) {
    lines.push(
      row(
        `backlog of ${backlog.orders} in orders.raw drained`,
        `${perSecond(backlog.perSecond)} (${backlog.drained} drained, ${backlog.duplicates} twice)`,
        '',
        '',
      ),
      row('  loaded through ingest at', perSecond(backlog.loadPerSecond), '', ''),
      ...backlog.chunks.map((chunk, index) =>
        row(
          `  chunk up to ${chunk.upTo}${index === 0 ? ' (with start-up)' : ''}`,
          perSecond(chunk.perSecond),
          '',
          'flat',
        ),
      ),
      '  CPU s per 1,000 orders booked and RSS of each stage, while each chunk drained:',
      ...backlog.chunks.map((chunk) => `    up to ${chunk.upTo}: ${stageCostLine(chunk.stages)}`),
      `    whole drain: ${stageCostLine(backlog.stages)}`,
    );
  }
  console.log(lines.join('\n'));
}
