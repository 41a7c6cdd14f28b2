/**
 * The stock bench's pipeline leg: single-SKU changes published on `stock.updated` (real Kafka),
 * applied in Postgres (last write wins) and pushed by the stock sink runner of
 * `@koppel/service-kit` through the Shoprenter connector into its simulator (3 requests/s on).
 * Measures publish → the simulator showing the new quantity, per change; the books/POS read
 * (the reader's poll interval) comes before this and is not in it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { shoprenterConnector } from '@koppel/connector-shoprenter';
import { topicName, topics } from '@koppel/contracts';
import {
  createConnectionRepository,
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  createStockSettingsRepository,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus, publishTraced } from '@koppel/kafka';
import { startStockSink } from '@koppel/service-kit';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { encodeStockUpdate } from '@koppel/stock-sync';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';

const silent = { info() {}, warn() {}, error() {} };

export async function measurePipelineDelay(options: { catalogue: number; changes: number; gapMs: number }) {
  const client = { clientId: 'pipe-client', clientSecret: 'pipe-secret' };
  const sim = buildShoprenterSimulator({
    shopName: 'pipe',
    clients: [{ ...client, scopes: [] }],
    rateLimit: { requests: 3, windowMs: 1000 },
  });
  const skus = Array.from({ length: options.catalogue }, (_, i) => `PIPE-${i}`);
  sim.seedProducts(skus.map((sku) => ({ sku, name: sku, taxRate: '27' })));
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;

  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-stock-bench' });
  let sink: Awaited<ReturnType<typeof startStockSink>>;
  try {
    await migrateToLatest(database.db);
    const topicPrefix = `stockbench${uniqueRunId()}.`;
    await bus.ensureTopics(Object.values(topics), topicPrefix);
    const connections = createConnectionRepository(database.db, createCredentialCipher(randomBytes(32)));
    await connections.create({
      id: 'bench',
      tenantId: 'bench',
      name: 'bench',
      sourceSystem: shoprenterConnector.system,
      targetSystem: 'mplus',
      webhookSecretHash: 'unused',
      ipAllowlist: [],
      rules: {},
      settings: {},
      credentials: {},
      sourceSettings: { shopName: 'pipe', apiBaseUrl: baseUrl, oauthBaseUrl: baseUrl },
      sourceCredentials: client,
      active: true,
    });
    await createStockSettingsRepository(database.db).save('bench', { enabled: true, matchKey: 'sku' });
    sink = await startStockSink(shoprenterConnector, {
      db: database.db,
      connections,
      bus,
      topicPrefix,
      journey: createJourneyRepository(database.db),
      metrics: createMetricsRegistry('stock-bench'),
      log: silent,
    });
    const topic = topicName(topics.stockUpdated, topicPrefix);
    const stockOf = (sku: string) => sim.state().products.find((p) => p.sku === sku)?.stock1;
    const delays: number[] = [];
    // The first change of the run also opens the session (token) and looks ids up: not counted.
    for (let i = -1; i < options.changes; i += 1) {
      const sku = skus[Math.floor(Math.random() * skus.length)] ?? 'PIPE-0';
      const available = 1000 + i + 1;
      const now = new Date();
      const started = performance.now();
      await publishTraced(bus, topic, [
        encodeStockUpdate({
          eventId: randomUUID(),
          connectionId: 'bench',
          sourceSystem: shoprenterConnector.system,
          targetSystem: 'mplus',
          sku,
          ean: '',
          available,
          onHand: available,
          reserved: 0,
          calculation: 'available',
          warehouseIds: ['1'],
          sourceTime: now,
          readStartedAt: now,
          retryUnknown: false,
        }),
      ]);
      const deadline = started + 120_000;
      while (stockOf(sku) !== available && performance.now() < deadline) await sleep(10);
      if (stockOf(sku) !== available) throw new Error(`change ${i} of ${sku} never reached the shop`);
      if (i >= 0) delays.push(performance.now() - started);
      await sleep(options.gapMs);
    }
    return delays.sort((a, b) => a - b);
  } finally {
    await sink?.stop();
    await bus.close();
    await database.close();
    await isolated.drop();
    await sim.app.close();
  }
}
