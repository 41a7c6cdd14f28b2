import { fromBinary } from '@bufbuild/protobuf';
import type { SourceEvent } from '@koppel/connector-sdk';
import { IngestChannel, RawOrderEventSchema, topics } from '@koppel/contracts';
import {
  createInboxRepository,
  createJourneyRepository,
  createPostgresDatabase,
  migrateToLatest,
} from '@koppel/db';
import { isAppError } from '@koppel/errors';
import { createKafkaBus, type MessageBus, type OutgoingMessage } from '@koppel/kafka';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import t from 'tap';
import { admitSourceEvents, type OrderIntakeDeps } from '../src/index.js';

/**
 * Intake on the real broker and a real Postgres: identical events at the same instant publish
 * one record, and a publish whose outcome is unknown never lets the retry count as new.
 */
const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const kafka = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'intake-test' });
const topicPrefix = `t${uniqueRunId()}.`;
await kafka.ensureTopics([topics.ordersRaw], topicPrefix);
t.teardown(async () => {
  await kafka.close();
  await database.close();
  await isolated.drop();
});

/** The real bus, recording what it published and failing as a test asks. */
function recordingBus(fail?: (attempt: number) => 'before' | 'after' | undefined) {
  const published: OutgoingMessage[] = [];
  let attempts = 0;
  const bus: MessageBus = {
    ...kafka,
    async publish(topic, messages) {
      attempts += 1;
      const mode = fail?.(attempts);
      if (mode === 'before') throw new Error('broker unreachable');
      await kafka.publish(topic, messages);
      published.push(...messages);
      // The record is on the topic, but the answer is lost: the caller cannot know.
      if (mode === 'after') throw new Error('request timed out');
    },
  };
  return { bus, published };
}

const connection = (id: string) => ({ id, tenantId: 'tenant', sourceSystem: 'shoprenter' });
const event = (key: string): SourceEvent => ({
  eventType: 'order_confirm',
  eventKey: key,
  externalOrderId: key,
  payload: new TextEncoder().encode(JSON.stringify({ innerId: key })),
});
const options = { channel: IngestChannel.WEBHOOK, contentType: 'application/json' };
const depsWith = (bus: MessageBus): OrderIntakeDeps => ({
  bus,
  inbox: createInboxRepository(database.db),
  journey: createJourneyRepository(database.db),
  topicPrefix,
});
const eventIdsOf = (messages: OutgoingMessage[]) =>
  messages.map((m) => fromBinary(RawOrderEventSchema, m.value).eventId);

t.test('ten identical webhooks at the same instant publish one record', async (t) => {
  const { bus, published } = recordingBus();
  const deps = depsWith(bus);
  const results = await Promise.all(
    Array.from({ length: 10 }, () => admitSourceEvents(deps, connection('c-burst'), options, [event('100')])),
  );
  t.equal(published.length, 1, 'one record on orders.raw');
  t.equal(
    results.reduce((n, r) => n + r.accepted, 0),
    1,
    'one accepted',
  );
  t.equal(
    results.reduce((n, r) => n + r.duplicates, 0),
    9,
    'nine duplicates',
  );
  const stages = (await deps.journey.list('c-burst', '100')).map((s) => s.stage);
  t.equal(stages.filter((s) => s === 'received').length, 1, 'received once in the journey');
});

t.test('an ambiguous publish failure: the retry republishes the same event, never a new one', async (t) => {
  const { bus, published } = recordingBus((attempt) => (attempt === 1 ? 'after' : undefined));
  const deps = depsWith(bus);
  const first = await admitSourceEvents(deps, connection('c-amb'), options, [event('200')]).catch((e) => e);
  t.ok(isAppError(first) && first.code === 'BUS_UNAVAILABLE' && first.retryable, 'the shop is told to retry');
  const retry = await admitSourceEvents(deps, connection('c-amb'), options, [event('200')]);
  t.same(retry, { accepted: 1, duplicates: 0, ignored: 0 });
  t.equal(published.length, 2, 'the record went out twice');
  const [a, b] = eventIdsOf(published);
  t.equal(a, b, 'under the same event id, so downstream sees one event, not a new order');
  const again = await admitSourceEvents(deps, connection('c-amb'), options, [event('200')]);
  t.same(again, { accepted: 0, duplicates: 1, ignored: 0 }, 'once published, a further retry is a duplicate');
});

t.test('a publish that failed before the broker: the retry publishes the event', async (t) => {
  const { bus, published } = recordingBus((attempt) => (attempt === 1 ? 'before' : undefined));
  const deps = depsWith(bus);
  await t.rejects(admitSourceEvents(deps, connection('c-down'), options, [event('300')]), {
    code: 'BUS_UNAVAILABLE',
  });
  t.same(await admitSourceEvents(deps, connection('c-down'), options, [event('300')]), {
    accepted: 1,
    duplicates: 0,
    ignored: 0,
  });
  t.equal(published.length, 1);
});

t.test('a request that waits too long for another one holding the claim is told to retry', async (t) => {
  const deps = { ...depsWith(recordingBus().bus), inFlightWaitMs: 100 };
  await deps.inbox.admit(
    { connectionId: 'c-held', eventKey: '400', eventId: 'e', eventType: 'x', externalOrderId: '400' },
    'someone-else',
  );
  await t.rejects(admitSourceEvents(deps, connection('c-held'), options, [event('400')]), {
    code: 'EVENT_IN_FLIGHT',
    retryable: true,
  });
});

t.test('an event whose id or key Koppel cannot file refuses the whole batch, naming it', async (t) => {
  const { bus, published } = recordingBus();
  const deps = depsWith(bus);
  const refusal = (events: SourceEvent[]) =>
    admitSourceEvents(deps, connection('c-identity'), options, events).then(
      () => undefined,
      (error: unknown) => error,
    );
  const cases: Array<[SourceEvent, string, RegExp]> = [
    [
      { ...event('701'), externalOrderId: '7'.repeat(201) },
      'events[1].externalOrderId',
      /201 characters long; at most 200/,
    ],
    [
      { ...event('702'), eventKey: `k${'e'.repeat(500)}` },
      'events[1].eventKey',
      /501 characters long; at most 500/,
    ],
    [{ ...event('703'), externalOrderId: '7\u000003' }, 'events[1].externalOrderId', /control character/],
    [{ ...event('704'), externalOrderId: ' ' }, 'events[1].externalOrderId', /empty/],
  ];
  for (const [bad, field, message] of cases) {
    const error = await refusal([event('700'), bad]);
    t.ok(isAppError(error), field);
    t.match(error, { code: 'MALFORMED_BODY', field, message }, field);
  }
  t.equal(published.length, 0, 'nothing published, not even the good event before it');
  t.equal(await deps.inbox.count('c-identity'), 0, 'and nothing in the inbox');
});
