/**
 * The loop that brings applied stock into the shop: per connection of this shop system with
 * pending articles, it leases up to the sink's `maxBatchSize` of them, takes the units of orders
 * in flight off each (the never-oversell rule), pushes the batch, and marks each article with the
 * version it pushed. A newer update applied meanwhile keeps its row pending, so it is pushed next
 * and the shop ends with the newest. A failed push (shop down) leaves the rows pending with a
 * backoff: delayed, never lost.
 */
import { randomUUID } from 'node:crypto';
import type { StockPush, StockSinkCapability } from '@koppel/connector-sdk';
import type {
  JourneyRepository,
  StockAppliedRepository,
  StockPushOutcome,
  StockSettingsRepository,
} from '@koppel/db';
import { toAppError } from '@koppel/errors';
import { quantityToPush, readStockSettings } from '@koppel/stock-sync';
import { type BackoffOptions, pollBackoffSeconds } from '../source-poller/poll-backoff.js';
import { STOCK_JOURNEY_ORDER_ID } from '../stock-reader/stock-journey.js';
import type { StockMetrics } from '../stock-reader/stock-metrics.js';

type Log = { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };

export type StockPusherDeps = {
  system: string;
  sink: StockSinkCapability<unknown>;
  sessionFor(connectionId: string): Promise<unknown>;
  applied: StockAppliedRepository;
  settings: StockSettingsRepository;
  journey: JourneyRepository;
  metrics: StockMetrics;
  log: Log;
  instanceId: string;
  /** Milliseconds between rounds when nothing wakes the pusher (default 1000). */
  tickMs?: number;
  /** Milliseconds a batch's rows stay leased; must exceed the shop's request time (default 120 000). */
  leaseMs?: number;
  /** Connections pushed at once (default 4). */
  concurrency?: number;
  backoff?: BackoffOptions;
};

export type StockPusher = {
  /** One round now: every due connection until nothing is due; the loop calls it, tests may too. */
  round(): Promise<void>;
  /** Runs a round soon (an update was applied). */
  wake(): void;
  stop(): Promise<void>;
};

export function startStockPusher(deps: StockPusherDeps): StockPusher {
  const tickMs = deps.tickMs ?? 1000;
  const leaseMs = deps.leaseMs ?? 120_000;
  const concurrency = deps.concurrency ?? 4;
  const backoff = deps.backoff ?? { baseSeconds: 2, maxSeconds: 300 };
  const batchSize = Math.max(1, deps.sink.maxBatchSize);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  /** Pushes one batch; false when nothing was due (or the push failed and now waits). */
  async function pushBatch(connectionId: string): Promise<boolean> {
    const row = await deps.settings.find(connectionId);
    const parsed = readStockSettings({ stock: row?.stock });
    if (!row || !parsed.ok) {
      // A deleted connection or stored settings that no longer parse: nothing can be pushed until
      // an operator acts; the articles wait (not a tight loop) and the report shows why.
      const reason = row ? 'the stored stock settings are invalid' : 'the connection no longer exists';
      await deps.applied.postpone(connectionId, reason, backoff.maxSeconds);
      return false;
    }
    const token = `${deps.instanceId}:${randomUUID()}`;
    const claims = await deps.applied.claimDue(
      connectionId,
      token,
      batchSize,
      leaseMs,
      parsed.settings.inFlightHoldMinutes,
    );
    if (claims.length === 0) return false;
    const pushes: StockPush[] = claims.map((claim) => ({
      sku: claim.sku,
      ...(claim.ean !== '' ? { ean: claim.ean } : {}),
      quantity: quantityToPush(claim.available, claim.unitsInFlight),
    }));
    try {
      if (!parsed.settings.enabled) throw new Error('stock sync is off for this connection');
      const session = await deps.sessionFor(connectionId);
      const results = await deps.sink.push(session, parsed.settings.matchKey, pushes);
      const outcomeOf = new Map(results.map((result) => [result.sku, result.outcome]));
      const outcomes: StockPushOutcome[] = [];
      const unanswered: string[] = [];
      claims.forEach((claim, index) => {
        const outcome = outcomeOf.get(claim.sku);
        const quantity = pushes[index]?.quantity ?? 0;
        if (outcome) outcomes.push({ sku: claim.sku, version: claim.version, outcome, quantity });
        else unanswered.push(claim.sku);
      });
      if (unanswered.length > 0) {
        // The shop said nothing about these: pushed again after a backoff, not in a tight loop.
        const wait = pollBackoffSeconds(toAppError(new Error('no result')), 0, backoff);
        await deps.applied.fail(
          connectionId,
          token,
          'the shop answered nothing for this article',
          wait,
          unanswered,
        );
      }
      const unknown = await deps.applied.markPushed(connectionId, token, outcomes);
      deps.metrics.pushed(deps.system, 'updated', outcomes.length - unknown.length);
      deps.metrics.pushed(deps.system, 'unknown-article', unknown.length);
      if (unknown.length > 0) {
        await deps.journey.record(connectionId, STOCK_JOURNEY_ORDER_ID, 'ignored', {
          kind: 'stock_unknown_article',
          system: deps.system,
          matchKey: parsed.settings.matchKey,
          skus: unknown.slice(0, 100),
          count: unknown.length,
        });
      }
      return true;
    } catch (thrown) {
      const error = toAppError(thrown);
      const failuresBefore = Math.max(0, ...claims.map((claim) => claim.attempts));
      const retryInSeconds = pollBackoffSeconds(error, failuresBefore, backoff);
      await deps.applied.fail(connectionId, token, `${error.code}: ${error.message}`, retryInSeconds);
      deps.metrics.pushed(deps.system, 'failed', claims.length);
      if (failuresBefore === 0) {
        await deps.journey
          .record(connectionId, STOCK_JOURNEY_ORDER_ID, 'failed', {
            kind: 'stock_push_failed',
            system: deps.system,
            code: error.code,
            message: error.message,
            retryable: error.retryable,
            retryInSeconds,
            articles: claims.length,
          })
          .catch(() => {});
      }
      deps.log.warn(
        { connectionId, code: error.code, retryInSeconds, articles: claims.length },
        error.message,
      );
      return false;
    }
  }

  async function drainConnection(connectionId: string): Promise<void> {
    while (!stopped && (await pushBatch(connectionId))) {}
  }

  /** Every due connection, batch after batch, until nothing is due (failed ones wait their backoff). */
  async function round(): Promise<void> {
    while (!stopped) {
      const due = await deps.applied.dueConnections(deps.system, concurrency);
      if (due.length === 0) return;
      await Promise.all(due.map((connectionId) => drainConnection(connectionId)));
    }
  }

  function runNow(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    again = false;
    running = round()
      .catch((error: unknown) => deps.log.warn({ err: error }, 'stock push round failed'))
      .finally(() => {
        running = undefined;
        if (again) runNow();
        else schedule();
      });
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(runNow, tickMs);
  }
  schedule();

  return {
    round,
    wake: runNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
