/**
 * What the stock runner tests share: a real Postgres (isolated database) and a real Kafka (topics
 * under a run prefix), one connection from an in-test shop to in-test books, and those two
 * systems as small in-memory stand-ins for a shop API (`stockSink`) and a books/POS API
 * (`stockSource`). The shop and the books are neither Kafka nor Postgres, so standing in for them
 * in-process is allowed; everything Koppel's own is the real thing.
 */
import { randomBytes } from 'node:crypto';
import type {
  AnySourceConnector,
  AnyTargetConnector,
  StockPush,
  StockPushResult,
  StockReading,
  StockSourceCapability,
} from '@koppel/connector-sdk';
import { topicName, topics } from '@koppel/contracts';
import {
  createConnectionRepository,
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  createStockSettingsRepository,
  type DatabaseHandle,
  migrateToLatest,
} from '@koppel/db';
import { appError } from '@koppel/errors';
import { createKafkaBus, type MessageBus } from '@koppel/kafka';
import { decodeStockUpdate, type StockSettingsInput, type StockUpdate } from '@koppel/stock-sync';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { sql } from 'kysely';
import type { Test } from 'tap';
import { z } from 'zod';

export const SHOP = 'stock-test-shop';
export const BOOKS = 'stock-test-books';
export const silentLog = { info() {}, warn() {}, error() {} };

/** Polls `probe` until it returns something other than undefined. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type StockBed = {
  database: DatabaseHandle;
  bus: MessageBus;
  topicPrefix: string;
  connections: ReturnType<typeof createConnectionRepository>;
  journey: ReturnType<typeof createJourneyRepository>;
  /** Creates a connection shop → books with these stock settings. */
  addConnection(id: string, stock: StockSettingsInput): Promise<void>;
  /** Every stock.updated record published so far (a test subscriber). */
  published: StockUpdate[];
  /** Marks an order booked in the target now (the delivery ledger row delivery writes). */
  book(connectionId: string, externalOrderId: string): Promise<void>;
};

export async function openStockBed(t: Test, name: string): Promise<StockBed> {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const topicPrefix = `${name}${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: `koppel-${name}` });
  await bus.ensureTopics(Object.values(topics), topicPrefix);
  const connections = createConnectionRepository(database.db, createCredentialCipher(randomBytes(32)));
  const settings = createStockSettingsRepository(database.db);
  const published: StockUpdate[] = [];
  const subscription = await bus.subscribe({
    groupId: `${topicPrefix}observer`,
    topic: topicName(topics.stockUpdated, topicPrefix),
    fromBeginning: true,
    handler: async (message) => {
      published.push(decodeStockUpdate(message.value));
    },
  });
  t.teardown(async () => {
    await subscription.stop();
    await bus.close();
    await database.close();
    await isolated.drop();
  });
  return {
    database,
    bus,
    topicPrefix,
    connections,
    journey: createJourneyRepository(database.db),
    published,
    async addConnection(id, stock) {
      await connections.create({
        id,
        tenantId: 'stock-tenant',
        name: id,
        sourceSystem: SHOP,
        targetSystem: BOOKS,
        webhookSecretHash: 'unused',
        ipAllowlist: [],
        rules: {},
        settings: {},
        credentials: {},
        active: true,
      });
      await settings.save(id, stock);
    },
    async book(connectionId, externalOrderId) {
      await database.db
        .insertInto('delivery_ledger')
        .values({
          connection_id: connectionId,
          external_order_id: externalOrderId,
          state: 'delivered',
          document_number: externalOrderId,
          document_id: externalOrderId,
          attempts: 1,
          lease_until: null,
          document_requested_at: null,
          updated_at: sql<Date>`now()` as unknown as Date,
        })
        .execute();
    },
  };
}

/** The in-test shop: stock per SKU, articles it knows, an outage switch, every push it got. */
export function createTestShop(options: { maxBatchSize: number; known?: (sku: string) => boolean }) {
  const state = {
    stock: new Map<string, number>(),
    down: false,
    calls: [] as StockPush[][],
    /** Called for every pushed article (tests check an invariant there). */
    onPush: (_push: StockPush) => {},
  };
  const connector = {
    system: SHOP,
    displayName: 'Stock test shop',
    settingsSchema: z.looseObject({}),
    credentialsSchema: z.looseObject({}),
    decodeOrder: () => {
      throw new Error('the stock test shop decodes no orders');
    },
    openSession: () => ({}),
    stockSink: {
      maxBatchSize: options.maxBatchSize,
      async push(
        _session: unknown,
        _matchKey: 'sku' | 'ean',
        pushes: readonly StockPush[],
      ): Promise<StockPushResult[]> {
        if (state.down)
          throw appError('TARGET_UNAVAILABLE', 'the shop API answers 503', { retryAfterSeconds: undefined });
        state.calls.push([...pushes]);
        return pushes.map((push) => {
          if (options.known && !options.known(push.sku))
            return { sku: push.sku, outcome: 'unknown-article' as const };
          state.onPush(push);
          state.stock.set(push.sku, push.quantity);
          return { sku: push.sku, outcome: 'updated' as const };
        });
      },
    },
  } satisfies AnySourceConnector;
  return { state, connector: connector as AnySourceConnector };
}

/** The in-test books: figures per SKU and warehouse, paged two articles a page; an optional change feed. */
export function createTestBooks(options: { changeFeed?: boolean } = {}) {
  const state = {
    articles: new Map<string, { warehouseId: string; onHand: number; reserved: number }[]>(),
    changedAt: new Map<string, number>(),
    clock: 1,
    reads: { all: 0, changes: 0 },
    /** Runs inside a read before the figures are taken (tests book an order there). */
    beforeRead: async () => {},
    /**
     * Runs inside a read after the figures were taken (tests book an order there); gets the
     * session, which is the runner's session services (its fetch among them).
     */
    duringRead: async (_session: unknown) => {},
  };
  const readingsOf = (skus: readonly string[]): StockReading[] =>
    skus.flatMap((sku) =>
      (state.articles.get(sku) ?? []).map((figures) => ({ sku, ...figures, sourceTime: new Date() })),
    );
  const set = (sku: string, onHand: number, reserved = 0, warehouseId = '1') => {
    const others = (state.articles.get(sku) ?? []).filter((w) => w.warehouseId !== warehouseId);
    state.articles.set(sku, [...others, { warehouseId, onHand, reserved }]);
    state.clock += 1;
    state.changedAt.set(sku, state.clock);
  };
  const source: StockSourceCapability<unknown> = {
    async readAll(session, _scope, page) {
      state.reads.all += 1;
      const skus = [...state.articles.keys()].sort();
      const start = page === undefined ? 0 : Number(page);
      await state.beforeRead();
      const readings = readingsOf(skus.slice(start, start + 2));
      await state.duringRead(session);
      return { readings, ...(start + 2 < skus.length ? { next: String(start + 2) } : {}) };
    },
    ...(options.changeFeed
      ? {
          readChanges: {
            async initialMarker() {
              return String(state.clock);
            },
            async read(session: unknown, _scope: unknown, marker: string) {
              state.reads.changes += 1;
              const since = Number(marker);
              const skus = [...state.changedAt].filter(([, at]) => at > since).map(([sku]) => sku);
              const readings = readingsOf(skus);
              await state.duringRead(session);
              return { readings, next: String(state.clock), more: false };
            },
          },
        }
      : {}),
  };
  const connector = {
    system: BOOKS,
    displayName: 'Stock test books',
    settingsSchema: z.looseObject({}),
    credentialsSchema: z.looseObject({}),
    openSession: (_context: unknown, services: unknown) => services,
    stockSource: source,
  };
  return { state, set, connector: connector as unknown as AnyTargetConnector };
}
