/**
 * One attempt at one connection's product sync, under the runner's lease: the connection's open
 * run is resumed (or a new one started), each page of the source's catalogue is read, planned
 * (@koppel/product-sync) and sent chunk by chunk. Every chunk is recorded as sent, with the run's
 * new position, in one transaction fenced by the lease (`commitChunk`), so after a crash the run
 * resumes at the first chunk not recorded: the products of recorded chunks are planned out
 * (`sentInThisRun`), and only a chunk interrupted mid-call is sent again, which the sink's
 * upsert by SKU/EAN makes harmless.
 */
import type { ProductSinkCapability, ProductSourceCapability } from '@koppel/connector-sdk';
import type {
  ProductSyncClaim,
  ProductSyncItem,
  ProductSyncItemRepository,
  ProductSyncRun,
  ProductSyncRunRepository,
} from '@koppel/db';
import { type LastSent, type ProductSettings, planProducts } from '@koppel/product-sync';
import { appError } from '@koppel/errors';
import { sendChunk } from './send-chunk.js';

export type ProductSyncAttempt = {
  claim: ProductSyncClaim;
  settings: ProductSettings;
  source: ProductSourceCapability<unknown>;
  sourceSession: unknown;
  sink: ProductSinkCapability<unknown>;
  sinkSession: unknown;
  runs: ProductSyncRunRepository;
  items: ProductSyncItemRepository;
  /** True once another runner may hold the connection: stop before the next write. */
  leaseLost(): boolean;
  /** True once the process is shutting down: stop at the next chunk (the run resumes later). */
  stopping?(): boolean;
  /** Told after each recorded chunk (metrics). */
  onChunk?(sent: readonly { outcome: string }[]): void;
};

const leaseLostError = (connectionId: string) =>
  appError('CONFLICT', `product sync of connection ${connectionId}: the lease was lost to another runner`, {
    details: { reason: 'lease_lost' },
  });
const stoppingError = (connectionId: string) =>
  appError(
    'CONFLICT',
    `product sync of connection ${connectionId}: stopped for shutdown; the run resumes later`,
    {
      details: { reason: 'stopping' },
    },
  );

function checkGoOn(attempt: ProductSyncAttempt): void {
  if (attempt.leaseLost()) throw leaseLostError(attempt.claim.connectionId);
  if (attempt.stopping?.()) throw stoppingError(attempt.claim.connectionId);
}

function lastSentOf(items: Map<string, ProductSyncItem>, runId: string): Map<string, LastSent> {
  return new Map(
    [...items].map(([sku, item]) => [
      sku,
      { contentHash: item.contentHash, priceHash: item.priceHash, sentInThisRun: item.runId === runId },
    ]),
  );
}

/** Runs (or resumes) the connection's product sync to its end; resolves with the finished run. */
export async function runProductSync(attempt: ProductSyncAttempt): Promise<ProductSyncRun> {
  const { claim, settings, runs } = attempt;
  const fence = { connectionId: claim.connectionId, leaseToken: claim.leaseToken };
  const opened = await runs.open(claim.connectionId, {
    full: claim.fullRequested,
    trigger: claim.runRequested ? 'manual' : 'schedule',
    changedSince: claim.fullRequested ? null : claim.lastSuccessStartedAt,
  });
  let run = opened.run;
  for (;;) {
    checkGoOn(attempt);
    const page = await attempt.source.read(attempt.sourceSession, {
      page: run.sourcePage ?? undefined,
      changedSince: run.changedSince ?? undefined,
    });
    const items = await attempt.items.findMany(
      claim.connectionId,
      page.products.map((p) => p.sku),
    );
    const lastSent = lastSentOf(items, run.id);
    const plan = planProducts(page.products, {
      settings,
      lastSent,
      full: run.full,
      maxBatchSize: attempt.sink.maxBatchSize,
    });
    for (const chunk of plan.chunks) {
      checkGoOn(attempt);
      const sent = await sendChunk(attempt.sink, attempt.sinkSession, chunk, settings);
      await runs.commitChunk(fence, run, sent);
      run = { ...run, chunkIndex: run.chunkIndex + 1 };
      attempt.onChunk?.(sent);
    }
    const skipped = plan.skipped.filter((sku) => lastSent.get(sku)?.sentInThisRun !== true).length;
    run = await runs.finishPage(fence, run, page.next, { skipped, excluded: plan.excluded.length });
    if (page.next === undefined) return run;
  }
}
