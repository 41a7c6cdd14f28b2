/**
 * `npm run bench:stock`: a catalogue of BENCH_STOCK_SKUS articles (default 100,000) in each stock
 * sink's simulator, with the simulator's rate limit on, pushed through the sink connector:
 * 1. a full sync (every SKU, batches of the sink's `maxBatchSize`, one batch after another as
 *    the shop's batch docs ask), cold (ids still to be found) and, for Shoprenter, warm (ids
 *    cached), each printed next to the lower bound the documented rate limit allows;
 * 2. 1% of the SKUs changing per minute for BENCH_STOCK_CHURN_SECONDS, and the delay from a
 *    change to the shop having it (push answered `updated`) per SKU, p50/p99.
 * A sync whose lower bound exceeds BENCH_STOCK_MAX_SYNC_SECONDS is run on a prefix of the
 * catalogue that fits and extrapolated linearly (said so in the output). Figures only; no
 * assertions on time. Phases 1-2 measure the sink part (connector + simulator over HTTP).
 * 3. BENCH_STOCK_PIPELINE_CHANGES single-SKU changes (default 100) through the stock pipeline's
 *    sink runner on real Kafka and Postgres (stock-pipeline-delay.ts), p50/p99.
 * Env: BENCH_STOCK_SKUS, BENCH_STOCK_SINKS (shoprenter,mijnwebwinkel,myshop),
 * BENCH_STOCK_CHURN_SECONDS (120), BENCH_STOCK_MAX_SYNC_SECONDS (600), BENCH_STOCK_WARM (1),
 * BENCH_STOCK_PIPELINE_CHANGES (100), BENCH_STOCK_PIPELINE_GAP_MS (300); Kafka and Postgres as for
 * the tests (KAFKA_BROKERS, DATABASE_URL; `bash scripts/infra/up.sh`).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SessionServices, StockPush, StockSinkCapability } from '@koppel/connector-sdk';
import { z } from 'zod';
import { type BenchShop, startMijnwebwinkel, startMyshop, startShoprenter } from './stock-bench-shops.js';
import { measurePipelineDelay } from './stock-pipeline-delay.js';

const settings = z
  .object({
    BENCH_STOCK_SKUS: z.coerce.number().int().positive().default(100_000),
    BENCH_STOCK_SINKS: z.string().default('shoprenter,mijnwebwinkel,myshop'),
    BENCH_STOCK_CHURN_SECONDS: z.coerce.number().int().min(0).default(120),
    BENCH_STOCK_MAX_SYNC_SECONDS: z.coerce.number().int().positive().default(600),
    BENCH_STOCK_WARM: z.enum(['0', '1']).default('1'),
    BENCH_STOCK_PIPELINE_CHANGES: z.coerce.number().int().min(0).default(100),
    BENCH_STOCK_PIPELINE_GAP_MS: z.coerce.number().int().min(0).default(300),
  })
  .parse(process.env);

const N = settings.BENCH_STOCK_SKUS;
const skuOf = (i: number) => `SKU-${String(i).padStart(6, '0')}`;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms: number) => `${ms.toFixed(0)} ms`;

/** A fetch that counts requests and the statuses the simulator answered. */
function countingServices() {
  const counts = { requests: 0, throttled: 0, failed: 0 };
  const services: SessionServices = {
    saveCredentials: async () => {},
    withCredentialsLock: async () => {
      throw new Error('not used');
    },
    fetch: async (input, init) => {
      counts.requests += 1;
      const response = await fetch(input, init);
      if (response.status === 429) counts.throttled += 1;
      else if (response.status >= 500) counts.failed += 1;
      return response;
    },
    now: Date.now,
    requestTimeoutMs: 120_000,
  };
  return { services, counts };
}

/** Pushes every SKU in [0, count) once, batch after batch; answers the wall time. */
async function fullSync(
  shop: BenchShop,
  session: unknown,
  sink: StockSinkCapability<unknown>,
  count: number,
  round: number,
) {
  const started = performance.now();
  let unknown = 0;
  for (let from = 0; from < count; from += sink.maxBatchSize) {
    const pushes: StockPush[] = [];
    for (let i = from; i < Math.min(count, from + sink.maxBatchSize); i += 1) {
      pushes.push({ sku: skuOf(i), quantity: (i * 7 + round) % 500 });
    }
    const results = await sink.push(session, 'sku', pushes);
    unknown += results.filter((r) => r.outcome !== 'updated').length;
  }
  const elapsed = performance.now() - started;
  const check = await shop.quantityOf(skuOf(count - 1));
  return { elapsed, unknown, lastOk: check === ((count - 1) * 7 + round) % 500 };
}

/** 1% of the catalogue changes per minute, spread evenly; a single pusher drains the changes. */
async function churn(session: unknown, sink: StockSinkCapability<unknown>, durationSeconds: number) {
  const perSecond = N / 100 / 60;
  const pending = new Map<string, { quantity: number; changedAt: number }>();
  const delays: number[] = [];
  let changes = 0;
  let stop = false;
  const started = performance.now();
  const producer = (async () => {
    while (performance.now() - started < durationSeconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
      for (; changes < due; changes += 1) {
        const sku = skuOf(Math.floor(Math.random() * N));
        // A newer change of a SKU not yet pushed replaces it but keeps the first change's time:
        // the delay counts from the oldest change the shop has not yet seen.
        const waiting = pending.get(sku);
        pending.set(sku, { quantity: changes % 500, changedAt: waiting?.changedAt ?? performance.now() });
      }
      await sleep(20);
    }
    stop = true;
  })();
  const pusher = (async () => {
    while (!stop || pending.size > 0) {
      if (pending.size === 0) {
        await sleep(10);
        continue;
      }
      const batch = [...pending.entries()].slice(0, sink.maxBatchSize);
      for (const [sku] of batch) pending.delete(sku);
      const results = await sink.push(
        session,
        'sku',
        batch.map(([sku, change]) => ({ sku, quantity: change.quantity })),
      );
      const now = performance.now();
      for (const [index, result] of results.entries()) {
        const change = batch[index]?.[1];
        if (change && result.outcome === 'updated') delays.push(now - change.changedAt);
      }
      if (stop && performance.now() - started > (durationSeconds + 600) * 1000) break;
    }
  })();
  await producer;
  const backlogAtEnd = pending.size;
  await pusher;
  delays.sort((a, b) => a - b);
  return { changes, backlogAtEnd, delays };
}

async function benchOne(name: string, start: (n: number) => Promise<BenchShop>) {
  console.log(`\n== ${name}: seeding ${N.toLocaleString('en')} SKUs`);
  const seeded = performance.now();
  const shop = await start(N);
  console.log(`   seeded in ${seconds(performance.now() - seeded)}; limit: ${shop.limitText}`);
  try {
    const { services, counts } = countingServices();
    const session = shop.open(services);
    const sink = shop.sink;
    const bound = shop.lowerBoundSeconds(N);
    const count =
      bound !== undefined && bound > settings.BENCH_STOCK_MAX_SYNC_SECONDS
        ? Math.max(sink.maxBatchSize, Math.floor((N * settings.BENCH_STOCK_MAX_SYNC_SECONDS) / bound))
        : N;
    const scale = N / count;
    // A sampled sync would extrapolate the one-off catalogue read too: take it first, timed apart.
    let indexMs = 0;
    if (count < N) {
      const before = counts.requests;
      const started = performance.now();
      await sink.push(session, 'sku', [{ sku: skuOf(0), quantity: 0 }]);
      indexMs = performance.now() - started;
      console.log(
        `   catalogue read (first push): ${seconds(indexMs)}, ${counts.requests - before} requests`,
      );
    }
    const runs = settings.BENCH_STOCK_WARM === '1' && shop.warmDiffers ? ['cold', 'warm'] : ['cold'];
    for (const [round, label] of runs.entries()) {
      const before = { ...counts };
      const result = await fullSync(shop, session, sink, count, round);
      const requests = counts.requests - before.requests;
      const measured = result.elapsed * scale + (round === 0 ? indexMs : 0);
      console.log(
        `   full sync (${label}${count < N ? `, ${count.toLocaleString('en')} SKUs extrapolated ×${scale.toFixed(1)}` : ''}): ` +
          `${seconds(measured)} | lower bound ${bound === undefined ? 'none (no documented limit)' : seconds(bound * 1000)}` +
          `${bound === undefined ? '' : ` (×${(measured / 1000 / bound).toFixed(2)})`} | ${requests} requests` +
          `${count < N ? ` (×${scale.toFixed(1)} ≈ ${Math.round(requests * scale)})` : ''}, ${counts.throttled - before.throttled} × 429, ` +
          `${counts.failed - before.failed} × 5xx, ${result.unknown} unknown, last SKU in the shop: ${result.lastOk ? 'yes' : 'NO'}`,
      );
    }
    if (settings.BENCH_STOCK_CHURN_SECONDS > 0) {
      const before = { ...counts };
      const result = await churn(session, sink, settings.BENCH_STOCK_CHURN_SECONDS);
      console.log(
        `   1%/min churn for ${settings.BENCH_STOCK_CHURN_SECONDS} s (${(N / 100).toLocaleString('en')} changes/min): ` +
          `${result.changes} changes, ${result.delays.length} pushed, backlog at the end ${result.backlogAtEnd}, ` +
          `${counts.requests - before.requests} requests, ${counts.throttled - before.throttled} × 429 | change → shop ` +
          `p50 ${millis(percentile(result.delays, 50))}, p99 ${millis(percentile(result.delays, 99))}, max ${millis(result.delays.at(-1) ?? Number.NaN)}`,
      );
    }
  } finally {
    await shop.close();
  }
}

const shops: Record<string, (n: number) => Promise<BenchShop>> = {
  shoprenter: startShoprenter,
  mijnwebwinkel: startMijnwebwinkel,
  myshop: startMyshop,
};
console.log(
  `stock sink bench: ${N.toLocaleString('en')} SKUs; full sync and churn: sink part only (connector + simulator over HTTP, no Kafka/Postgres)`,
);
for (const name of settings.BENCH_STOCK_SINKS.split(',')
  .map((s) => s.trim())
  .filter((s) => s !== '')) {
  const start = shops[name];
  if (!start) throw new Error(`unknown sink ${name}; choose from ${Object.keys(shops).join(', ')}`);
  await benchOne(name, start);
}

if (settings.BENCH_STOCK_PIPELINE_CHANGES > 0) {
  const changes = settings.BENCH_STOCK_PIPELINE_CHANGES;
  console.log(
    `\n== pipeline (real Kafka + Postgres, service-kit stock sink runner, Shoprenter connector + simulator at 3 requests/s): ${changes} single-SKU changes, ${settings.BENCH_STOCK_PIPELINE_GAP_MS} ms apart`,
  );
  const delays = await measurePipelineDelay({
    catalogue: 1000,
    changes,
    gapMs: settings.BENCH_STOCK_PIPELINE_GAP_MS,
  });
  console.log(
    `   stock.updated published → shop shows it: p50 ${millis(percentile(delays, 50))}, p99 ${millis(percentile(delays, 99))}, max ${millis(delays.at(-1) ?? Number.NaN)} (the books/POS read before it is not included)`,
  );
}
