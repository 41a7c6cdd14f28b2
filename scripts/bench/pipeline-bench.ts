/**
 * `npm run bench`: pushes N authenticated Shoprenter webhooks through the real pipeline (Kafka and
 * Postgres from @koppel/test-infra, every core service and the Asperion connector, the Asperion
 * simulator as target) and prints ingest req/s, end-to-end orders/s and the latency from sending
 * the webhook to the invoice existing in the simulator (p50/p95/p99).
 *
 * The webhook bodies are the Shoprenter simulator's own order_confirm payloads, captured before
 * the clock starts, so the run measures Koppel and not the payload generator.
 * Env: BENCH_ORDERS (default 1000), BENCH_CONCURRENCY (32), BENCH_CUSTOMERS (100),
 * BENCH_CONNECTOR_RPS (client-side Asperion calls per second, default 1000).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { captureWebhooks } from '../../services/embedded/test/support/capture-webhooks.js';
import { startPipelineFixture } from '../../services/embedded/test/support/pipeline-fixture.js';

const settings = z
  .object({
    BENCH_ORDERS: z.coerce.number().int().positive().default(1000),
    BENCH_CONCURRENCY: z.coerce.number().int().positive().default(32),
    BENCH_CUSTOMERS: z.coerce.number().int().positive().default(100),
    BENCH_CONNECTOR_RPS: z.coerce.number().positive().default(1000),
  })
  .parse(process.env);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const format = (ms: number) => `${ms.toFixed(0)} ms`;

console.log(`preparing ${settings.BENCH_ORDERS} webhooks and the pipeline (real Kafka + Postgres)…`);
const webhooks = await captureWebhooks(
  settings.BENCH_ORDERS,
  (i) => `bench-${i % settings.BENCH_CUSTOMERS}@example.nl`,
);
const fx = await startPipelineFixture({
  connectorRateLimit: {
    requestsPerSecond: settings.BENCH_CONNECTOR_RPS,
    burst: settings.BENCH_CONNECTOR_RPS,
  },
});
try {
  const sentAt = new Map<string, number>();
  const ingestLatencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    for (let index = next++; index < webhooks.length; index = next++) {
      const webhook = webhooks[index];
      if (!webhook) continue;
      const sendStarted = performance.now();
      sentAt.set(`WEB-${webhook.innerId}`, sendStarted);
      const response = await fetch(fx.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': webhook.contentType },
        body: webhook.body,
      });
      await response.arrayBuffer();
      if (response.status !== 202)
        throw new Error(`ingest answered ${response.status} for order ${webhook.innerId}`);
      ingestLatencies.push(performance.now() - sendStarted);
    }
  };
  const watcher = (async () => {
    const seenAt = new Map<string, number>();
    let scanned = 0;
    const deadline = started + 600_000;
    while (seenAt.size < webhooks.length && performance.now() < deadline) {
      const invoices = fx.invoices();
      for (; scanned < invoices.length; scanned += 1) {
        const number = invoices[scanned]?.invoiceNumber;
        if (number && !seenAt.has(number)) seenAt.set(number, performance.now());
      }
      await sleep(5);
    }
    return seenAt;
  })();
  await Promise.all(Array.from({ length: settings.BENCH_CONCURRENCY }, sender));
  const ingestSeconds = (performance.now() - started) / 1000;
  const seenAt = await watcher;
  const endToEndSeconds = (Math.max(...seenAt.values()) - started) / 1000;
  const latencies = [...seenAt.entries()]
    .map(([number, at]) => at - (sentAt.get(number) ?? at))
    .sort((a, b) => a - b);
  ingestLatencies.sort((a, b) => a - b);
  const invoiceNumbers = fx.invoices().map((invoice) => invoice.invoiceNumber);

  console.log(`
Koppel pipeline benchmark (${new Date().toISOString()})
  orders                       ${webhooks.length} (${settings.BENCH_CUSTOMERS} customers), concurrency ${settings.BENCH_CONCURRENCY}
  infrastructure               Kafka ${fx.kafkaBrokers.join(',')}, Postgres (isolated database)
  ingest                       ${(webhooks.length / ingestSeconds).toFixed(1)} req/s (202 after inbox row + orders.raw ack)
  ingest latency               p50 ${format(percentile(ingestLatencies, 50))}  p95 ${format(percentile(ingestLatencies, 95))}  p99 ${format(percentile(ingestLatencies, 99))}
  end to end                   ${(seenAt.size / endToEndSeconds).toFixed(1)} orders/s (${seenAt.size} invoices in ${endToEndSeconds.toFixed(1)} s)
  webhook → invoice latency    p50 ${format(percentile(latencies, 50))}  p95 ${format(percentile(latencies, 95))}  p99 ${format(percentile(latencies, 99))}
  invoices booked twice        ${invoiceNumbers.length - new Set(invoiceNumbers).size}
  debtors                      ${fx.debtors().filter((debtor) => debtor.emailAddress.startsWith('bench-')).length}`);
  if (seenAt.size !== webhooks.length) {
    console.error(`only ${seenAt.size} of ${webhooks.length} orders reached the simulator within 10 minutes`);
    process.exitCode = 1;
  }
} finally {
  await fx.close();
}
