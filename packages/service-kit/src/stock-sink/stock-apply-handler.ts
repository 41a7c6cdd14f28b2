/**
 * One `stock.updated` record at a shop's sink: decoded, skipped when it is another shop system's,
 * and applied in Postgres through the last-write-wins upsert (a late older update changes
 * nothing). The push to the shop happens after, from the database (`stock-pusher.ts`), so the
 * record is committed once the update is durable there and a shop outage loses nothing.
 */
import type { StockAppliedRepository, StockSettingsRepository } from '@koppel/db';
import type { IncomingMessage } from '@koppel/kafka';
import { decodeStockUpdate } from '@koppel/stock-sync';
import type { StockMetrics } from '../stock-reader/stock-metrics.js';

export type StockApplyHandlerDeps = {
  system: string;
  applied: StockAppliedRepository;
  settings: StockSettingsRepository;
  metrics: StockMetrics;
  /** Called after an update was applied (wakes the pusher). */
  onApplied: (connectionId: string) => void;
};

export function createStockApplyHandler(deps: StockApplyHandlerDeps) {
  return async (message: IncomingMessage): Promise<void> => {
    const update = decodeStockUpdate(message.value);
    // Records name their shop system; an older record without it is looked up.
    const sourceSystem =
      update.sourceSystem !== ''
        ? update.sourceSystem
        : (await deps.settings.find(update.connectionId))?.sourceSystem;
    if (sourceSystem !== deps.system) {
      deps.metrics.applied(deps.system, 'other_system');
      return;
    }
    const result = await deps.applied.apply({
      connectionId: update.connectionId,
      sku: update.sku,
      ean: update.ean,
      available: update.available,
      sourceTime: update.sourceTime,
      readStartedAt: update.readStartedAt,
      eventId: update.eventId,
      retryUnknown: update.retryUnknown,
    });
    deps.metrics.applied(deps.system, result ? 'applied' : 'stale');
    if (result?.status === 'pending') deps.onApplied(update.connectionId);
  };
}
