/**
 * `npm run bench`: every benchmark in one run, printed side by side at the end (bench-report.ts).
 * Real Kafka and Postgres from @koppel/test-infra (`npm run infra:up`); every service a process
 * of its own. Defaults finish in a few minutes on 2 cores; env (all optional):
 *   BENCH_SECTIONS         ingest,e2e,embedded,backlog (any subset, comma-separated)
 *   BENCH_CONCURRENCY      closed-loop senders (64)
 *   BENCH_INGEST_REQUESTS  webhooks per ingest saturation run (3000)
 *   BENCH_INGEST_RATE      fixed arrival rate for ingest, req/s (1000), for BENCH_RATE_SECONDS (5)
 *   BENCH_ORDERS           orders per end-to-end saturation run (1000), BENCH_WARMUP (50)
 *   BENCH_E2E_RATE         fixed arrival rate end to end, orders/s (500), for BENCH_E2E_SECONDS (4)
 *   BENCH_CUSTOMERS        distinct customers (100); BENCH_CONNECTOR_RPS client-side Asperion limit (5000)
 *   BENCH_BACKLOG          orders pre-loaded into orders.raw (10000; 1000000 for the figure),
 *                          timed per BENCH_BACKLOG_CHUNK (a tenth of it)
 *   BENCH_DRAIN_TIMEOUT_S  longest wait for a phase's last invoice (180)
 *   BENCH_CPU_PROFILE_DIR  each service process writes a V8 CPU profile (<name>.cpuprofile) there
 *   BENCH_RUNTIME          bundle (default: plain node on a bundle, as the images) or tsx (as npm start)
 *   BENCH_NODE_FLAGS       flags given to `node` before every process's entry, e.g. V8 heap flags
 *                          (`--max-semi-space-size=4`) to weigh memory against CPU
 */
import { z } from 'zod';
import { runBacklogBench } from './backlog-bench.js';
import { startAsperionTarget } from './bench-infra.js';
import { type BenchResults, printReport } from './bench-report.js';
import { runKafkaE2eBench } from './e2e-bench.js';
import { runEmbeddedE2eBench } from './embedded-e2e-bench.js';
import { runIngestBench } from './ingest-bench.js';

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const env = z
  .object({
    BENCH_SECTIONS: z.string().default('ingest,e2e,embedded,backlog'),
    BENCH_CONCURRENCY: count(64),
    BENCH_INGEST_REQUESTS: count(3000),
    BENCH_INGEST_RATE: count(1000),
    BENCH_RATE_SECONDS: count(5),
    BENCH_ORDERS: count(1000),
    BENCH_WARMUP: count(50),
    BENCH_E2E_RATE: count(500),
    BENCH_E2E_SECONDS: count(4),
    BENCH_CUSTOMERS: count(100),
    BENCH_CONNECTOR_RPS: count(5000),
    BENCH_BACKLOG: count(10_000),
    BENCH_BACKLOG_CHUNK: z.coerce.number().int().positive().optional(),
    BENCH_DRAIN_TIMEOUT_S: count(180),
  })
  .parse(process.env);
const sections = new Set(env.BENCH_SECTIONS.split(',').map((s) => s.trim()));
const pipelineSettings = {
  warmup: env.BENCH_WARMUP,
  orders: env.BENCH_ORDERS,
  concurrency: env.BENCH_CONCURRENCY,
  rate: env.BENCH_E2E_RATE,
  rateSeconds: env.BENCH_E2E_SECONDS,
  drainTimeoutMs: env.BENCH_DRAIN_TIMEOUT_S * 1000,
  customers: env.BENCH_CUSTOMERS,
  connectorRps: env.BENCH_CONNECTOR_RPS,
};

/**
 * Each section books into an Asperion simulator of its own, so debtors start from none. A section
 * that fails is reported and left out of the table; the others still run.
 */
async function withTarget<T>(
  name: string,
  run: (target: Awaited<ReturnType<typeof startAsperionTarget>>) => Promise<T>,
): Promise<T | undefined> {
  console.log(`— ${name}…`);
  const started = Date.now();
  const target = await startAsperionTarget();
  try {
    return await run(target);
  } catch (error) {
    console.error(`  ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return undefined;
  } finally {
    await target.close();
    console.log(`  (${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

const results: BenchResults = {};
if (sections.has('ingest'))
  results.ingest = await withTarget('ingest vs bare Fastify', (target) =>
    runIngestBench(target, {
      requests: env.BENCH_INGEST_REQUESTS,
      concurrency: env.BENCH_CONCURRENCY,
      rate: env.BENCH_INGEST_RATE,
      rateSeconds: env.BENCH_RATE_SECONDS,
    }),
  );
if (sections.has('e2e'))
  results.kafka = await withTarget('end to end, Kafka + Postgres', (target) =>
    runKafkaE2eBench(target, pipelineSettings),
  );
if (sections.has('embedded'))
  results.embedded = await withTarget('end to end, embedded', (target) =>
    runEmbeddedE2eBench(target, pipelineSettings),
  );
if (sections.has('backlog'))
  results.backlog = await withTarget('backlog', (target) =>
    runBacklogBench(target, {
      orders: env.BENCH_BACKLOG,
      chunk: env.BENCH_BACKLOG_CHUNK ?? Math.max(1, Math.round(env.BENCH_BACKLOG / 10)),
      customers: env.BENCH_CUSTOMERS,
      connectorRps: env.BENCH_CONNECTOR_RPS,
      timeoutMs: env.BENCH_DRAIN_TIMEOUT_S * 1000 * 5,
    }),
  );
printReport(results);
