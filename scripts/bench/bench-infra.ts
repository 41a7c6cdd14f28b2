/**
 * What every benchmark section stands on: a Postgres database of its own (migrated) and topics
 * under a fresh prefix on the real broker (@koppel/test-infra), the Asperion simulator as target
 * (permissive, no rate limit: the run measures Koppel), a Shoprenter → Asperion connection, and
 * webhook bodies made from one authentic Shoprenter `order_confirm` payload.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createConnectionRepository,
  createCredentialCipher,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus } from '@koppel/kafka';
import { buildAsperionSimulator } from '@koppel/sim-asperion';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { captureWebhooks } from '../../services/embedded/test/support/capture-webhooks.js';
import { asperionTarget, shoprenterSource } from '../../services/embedded/test/support/pipeline-harness.js';
import type { Shot } from './load-generator.js';

export type AsperionTarget = Awaited<ReturnType<typeof startAsperionTarget>>;

/** The Asperion simulator listening in this process, and a watch on the invoices it booked. */
export async function startAsperionTarget() {
  const asperion = buildAsperionSimulator({ rateLimit: false, permissive: true });
  const url = await asperion.app.listen({ port: 0, host: '127.0.0.1' });
  const invoices = () => asperion.state().administrations[0]?.salesInvoices ?? [];
  return {
    asperion,
    url,
    invoiceCount: () => invoices().length,
    /** Invoices whose number an earlier invoice already has (the permissive simulator keeps both). */
    duplicateCount: () => {
      const numbers = new Set<string>();
      let duplicates = 0;
      for (const invoice of invoices()) {
        if (numbers.has(invoice.invoiceNumber)) duplicates += 1;
        else numbers.add(invoice.invoiceNumber);
      }
      return duplicates;
    },
    /**
     * Calls `onInvoice(index)` with the order index of every invoice booked from now on (numbers
     * `WEB-<innerId>`, see `webhookShots`), polling every 5 ms until `stop()`.
     */
    watch(onInvoice: (innerId: number, at: number) => void) {
      let scanned = invoices().length;
      let running = true;
      const done = (async () => {
        while (running) {
          const list = invoices();
          for (; scanned < list.length; scanned += 1) {
            const innerId = Number(/^WEB-(\d+)$/.exec(list[scanned]?.invoiceNumber ?? '')?.[1]);
            if (Number.isFinite(innerId)) onInvoice(innerId, performance.now());
          }
          await sleep(5);
        }
      })();
      return async () => {
        running = false;
        await done;
      };
    },
    close: () => asperion.app.close(),
  };
}

/** A database and topic prefix of their own, with a Shoprenter → Asperion connection in it. */
export async function openBenchInfra(target: AsperionTarget, connectorRps: number) {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url, { maxConnections: 4 });
  await migrateToLatest(database.db);
  const topicPrefix = `bench${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-bench' });
  await bus.ensureTopics(pipelineTopics(), topicPrefix);
  const credentialsKeyHex = randomBytes(32).toString('hex');
  const connections = createConnectionRepository(
    database.db,
    createCredentialCipher(Buffer.from(credentialsKeyHex, 'hex')),
  );
  const connectionId = `c-${randomUUID().slice(0, 8)}`;
  const secret = randomBytes(24).toString('base64url');
  await connections.create({
    id: connectionId,
    tenantId: 'tenant-bench',
    name: 'Benchmark shop → Asperion',
    rules: {},
    ...shoprenterSource('http://shoprenter.invalid', false),
    ...asperionTarget(target.asperion, target.url, { requestsPerSecond: connectorRps, burst: connectorRps }),
    webhookSecretHash: hashWebhookSecret(secret),
    ipAllowlist: [],
    active: true,
  });
  return {
    databaseUrl: isolated.url,
    kafkaBrokers: infra.kafkaBrokers,
    topicPrefix,
    credentialsKeyHex,
    webhookPath: `/webhooks/shoprenter/${connectionId}/${secret}`,
    /** The env every service process of this run gets. */
    serviceEnv(port: number): Record<string, string> {
      return {
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        DATABASE_URL: isolated.url,
        TOPIC_PREFIX: topicPrefix,
        CREDENTIALS_KEY: credentialsKeyHex,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DELIVERY_MAX_ATTEMPTS: '30',
        DELIVERY_BACKOFF_BASE_MS: '100',
        DELIVERY_BACKOFF_MAX_MS: '1000',
      };
    },
    async close() {
      await bus.close();
      await database.close();
      await isolated.drop();
    },
  };
}

/**
 * Webhook requests for orders `first`, `first + 1`, …: one captured Shoprenter `order_confirm`
 * body with the order's id (`innerId`, which becomes the invoice number `WEB-<innerId>`) and the
 * customer's e-mail (`bench-<index % customers>`) put in, so a million of them cost no simulator.
 */
export async function webhookShots(path: string, customers: number) {
  const [captured] = await captureWebhooks(1, () => 'bench-template@example.nl');
  if (!captured) throw new Error('no webhook captured');
  const template = JSON.parse(captured.body) as { orders: { order: Record<string, unknown>[] } };
  const order = template.orders.order[0];
  if (!order) throw new Error('the captured webhook has no order');
  return (innerId: number): Shot => ({
    path,
    contentType: captured.contentType,
    body: JSON.stringify({
      orders: {
        order: [{ ...order, innerId: String(innerId), email: `bench-${innerId % customers}@example.nl` }],
      },
    }),
  });
}
