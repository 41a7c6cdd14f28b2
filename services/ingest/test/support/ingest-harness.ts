import { randomBytes, randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { type RawOrderEvent, RawOrderEventSchema, topicName, topics } from '@koppel/contracts';
import {
  type ConnectionRepository,
  createConnectionRepository,
  createCredentialCipher,
  createInboxRepository,
  createJourneyRepository,
  createPostgresDatabase,
  type DatabaseHandle,
  hashWebhookSecret,
  type InboxRepository,
  type JourneyRepository,
  migrateToLatest,
  type NewConnection,
} from '@koppel/db';
import { createEmbeddedBus, type MessageBus } from '@koppel/kafka';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import { createMetricsRegistry } from '@koppel/telemetry';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedStage } from '@koppel/service-kit/testing';
import type { Test } from 'tap';
import { buildIngestApp, type IngestDeps } from '../../src/index.js';

export const TOPIC_PREFIX = 'ingest-test.';
export const BODY_LIMIT_BYTES = 4096;

export type IngestHarness = {
  database: DatabaseHandle;
  bus: MessageBus;
  connections: ConnectionRepository;
  inbox: InboxRepository;
  journey: JourneyRepository;
  /** Builds the real ingest app on this database and bus; closed at teardown. */
  buildApp(overrides?: Partial<IngestDeps>): Promise<FastifyInstance>;
  /** Creates a Shoprenter connection and returns its id and plain URL secret. */
  createConnection(overrides?: Partial<NewConnection>): Promise<{ id: string; secret: string; url: string }>;
  /** Every record on orders.raw, decoded, oldest first. */
  rawRecords(): Promise<{ key: string; event: RawOrderEvent }[]>;
};

/**
 * Ingest over embedded PGlite (in the test's fixture dir) and the embedded bus on it, or with
 * `postgres`, over a fresh database on the real Postgres server (several apps share it as
 * replicas would).
 */
export async function startIngestHarness(
  t: Test,
  options: { database?: 'pglite' | 'postgres' } = {},
): Promise<IngestHarness> {
  const stage =
    options.database === 'postgres' ? await openPostgresStage() : await openEmbeddedStage(t.testdir());
  const { database, bus, cipher, connections, journey } = stage;
  const inbox = createInboxRepository(database.db);
  const apps: FastifyInstance[] = [];
  t.teardown(async () => {
    for (const app of apps) await app.close();
    await stage.close();
  });

  return {
    database,
    bus,
    connections,
    inbox,
    journey,
    async buildApp(overrides = {}) {
      const app = await buildIngestApp({
        bus,
        connections,
        inbox,
        journey,
        cipher,
        topicPrefix: TOPIC_PREFIX,
        registry: createMetricsRegistry('ingest-test').registry,
        readiness: {},
        bodyLimitBytes: BODY_LIMIT_BYTES,
        logLevel: 'silent',
        ...overrides,
      });
      apps.push(app);
      return app;
    },
    async createConnection(overrides = {}) {
      const id = `c-${randomUUID().slice(0, 8)}`;
      const secret = randomBytes(24).toString('base64url');
      await connections.create({
        id,
        tenantId: 'tenant-ingest',
        name: 'Test shop',
        sourceSystem: 'shoprenter',
        targetSystem: 'asperion',
        webhookSecretHash: hashWebhookSecret(secret),
        ipAllowlist: [],
        rules: {},
        settings: {},
        credentials: { clientId: 'client' },
        active: true,
        ...overrides,
      });
      return { id, secret, url: `/webhooks/shoprenter/${id}/${secret}` };
    },
    async rawRecords() {
      const rows = await database.db
        .selectFrom('bus_records')
        .select(['key', 'value'])
        .where('topic', '=', topicName(topics.ordersRaw, TOPIC_PREFIX))
        .orderBy('offset')
        .execute();
      return rows.map((row) => ({
        key: row.key,
        event: fromBinary(RawOrderEventSchema, new Uint8Array(row.value)),
      }));
    },
  };
}

async function openPostgresStage() {
  const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const bus = createEmbeddedBus(database.db);
  const cipher = createCredentialCipher(randomBytes(32));
  return {
    database,
    bus,
    cipher,
    connections: createConnectionRepository(database.db, cipher),
    journey: createJourneyRepository(database.db),
    async close() {
      await bus.close();
      await database.close();
      await isolated.drop();
    },
  };
}

/** A Shoprenter order as its webhook sends it (only the fields ingest looks at, plus a few). */
export function shoprenterOrder(innerId: string, status = '1', dateAdded = '2025-03-01 10:15:00') {
  return {
    storeName: 'demo',
    innerId,
    email: `buyer-${innerId}@example.nl`,
    firstname: 'Anna',
    lastname: 'de Vries',
    currency: 'EUR',
    paymentMethodCode: 'BANK_TRANSFER',
    orderHistory: { status, statusText: 'Pending', comment: '', dateAdded },
    orderProducts: {
      orderProduct: [{ innerId: '1', name: 'Mug', sku: 'MUG-01', price: '10', taxRate: '21', quantity: '1' }],
    },
  };
}

/** A webhook body carrying these orders, as Shoprenter batches them. */
export function webhookBody(...orders: ReturnType<typeof shoprenterOrder>[]): string {
  return JSON.stringify({ orders: { order: orders } });
}
