import { fromBinary } from '@bufbuild/protobuf';
import type { SourceEvent } from '@koppel/connector-sdk';
import { IngestChannel, RawOrderEventSchema } from '@koppel/contracts';
import {
  createInboxRepository,
  createJourneyRepository,
  createPostgresDatabase,
  migrateToLatest,
} from '@koppel/db';
import type { MessageBus, OutgoingMessage } from '@koppel/kafka';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { admitSourceEvents } from '../src/index.js';

/** An abandoned cart is journaled as ignored with its reason; only the real order is published. */
const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
t.teardown(async () => {
  await database.close();
  await isolated.drop();
});

const published: OutgoingMessage[] = [];
const bus = {
  async publish(_topic: string, messages: OutgoingMessage[]) {
    published.push(...messages);
  },
} as unknown as MessageBus;
const journey = createJourneyRepository(database.db);
const deps = { bus, inbox: createInboxRepository(database.db), journey, topicPrefix: 't.' };
const event = (id: string, ignoredReason?: string): SourceEvent => ({
  eventType: ignoredReason ? 'abandoned_cart' : 'order_confirm',
  eventKey: `order:${id}:status:${ignoredReason ? 0 : 1}`,
  externalOrderId: id,
  payload: new TextEncoder().encode(JSON.stringify({ innerId: id })),
  ...(ignoredReason === undefined ? {} : { ignoredReason }),
});

t.test('ignored events are journaled, never published; the others are admitted', async (t) => {
  const connection = { id: 'c-ignore', tenantId: 'tenant', sourceSystem: 'shoprenter' };
  const result = await admitSourceEvents(
    deps,
    connection,
    { channel: IngestChannel.WEBHOOK, contentType: 'application/json' },
    [event('7', 'abandoned cart'), event('8')],
  );
  t.same(result, { accepted: 1, duplicates: 0, ignored: 1 });
  t.same(
    published.map((m) => fromBinary(RawOrderEventSchema, m.value).externalOrderId),
    ['8'],
    'only the order is on orders.raw',
  );
  const entries = await journey.list('c-ignore', '7');
  t.same(
    entries.map((e) => [e.stage, e.detail.reason, e.detail.channel]),
    [['ignored', 'abandoned cart', 'webhook']],
  );
  t.same(
    (await journey.list('c-ignore', '8')).map((e) => e.stage),
    ['received'],
  );
});
