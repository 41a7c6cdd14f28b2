/**
 * The notifier on a real Postgres, sending through a real SMTP server process and to a webhook
 * receiver that verifies the Standard Webhooks signature: one notice per problem per interval,
 * two notifiers never both send, a failed send is retried on the next scan.
 */
import { randomBytes } from 'node:crypto';
import {
  createConnectionRepository,
  createCredentialCipher,
  createPostgresDatabase,
  type DatabaseHandle,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import Fastify from 'fastify';
import { Webhook } from 'standardwebhooks';
import t from 'tap';
import {
  createEmailChannel,
  createNotificationStore,
  createNotifier,
  createWebhookChannel,
  newWebhookSecret,
  WEBHOOK_EVENT_TYPE,
} from '../src/index.js';
import { startSmtpSink } from './support/smtp-sink.js';

const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
const database: DatabaseHandle = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const cipher = createCredentialCipher(randomBytes(32));
const smtp = await startSmtpSink();
const webhookSecret = newWebhookSecret();
const received: { type: string; data: Record<string, unknown> }[] = [];
let receiverFails = false;
const receiver = Fastify();
receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
  done(null, body),
);
receiver.post('/hooks', async (request, reply) => {
  if (receiverFails) return reply.code(503).send();
  const headers = request.headers as Record<string, string>;
  const payload = new Webhook(webhookSecret).verify(String(request.body), headers) as {
    type: string;
    data: Record<string, unknown>;
  };
  received.push(payload);
  return reply.code(204).send();
});
const receiverUrl = await receiver.listen({ port: 0, host: '127.0.0.1' });
t.teardown(async () => {
  await receiver.close();
  await smtp.close();
  await database.close();
  await isolated.drop();
});

const log = { info: () => {}, warn: () => {} };
const store = createNotificationStore(database.db);
const notifierDeps = {
  store,
  cipher,
  email: createEmailChannel({ smtpUrl: smtp.url, from: 'koppel@example.test' }),
  webhook: createWebhookChannel({ timeoutMs: 5_000 }),
  log,
};

async function createConnection(id: string, notifications: Record<string, unknown>) {
  await createConnectionRepository(database.db, cipher).create({
    id,
    tenantId: 'tenant-1',
    name: `Shop ${id}`,
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret(id),
    ipAllowlist: [],
    rules: {},
    settings: {},
    credentials: {},
    active: true,
  });
  await database.db
    .updateTable('connections')
    .set({
      notifications: JSON.stringify(notifications),
      notification_secret_sealed: cipher.seal({ secret: webhookSecret }),
    })
    .where('id', '=', id)
    .execute();
}

let offset = 0;
async function deadLetter(connectionId: string, code: string, message: string) {
  offset += 1;
  await database.db
    .insertInto('dead_letters')
    .values({
      connection_id: connectionId,
      external_order_id: `order-${offset}`,
      stage: 'delivery',
      source_topic: 'deliveries.asperion',
      source_partition: 0,
      source_offset: String(offset),
      key: `${connectionId}:order-${offset}`,
      payload: new Uint8Array(),
      headers: JSON.stringify({}),
      error_code: code,
      error_message: message,
      error_field: 'settings.vatCodes',
      attempts: 1,
    })
    .execute();
}

const VAT = 'VAT rate 27% has no VAT code in Asperion administration 12345: add one under settings';

t.test('a dead letter reaches the operator by e-mail and signed webhook, once per interval', async (t) => {
  await createConnection('c1', {
    email: { to: ['ops@example.test'] },
    webhook: { url: `${receiverUrl}/hooks` },
    intervalMinutes: 60,
  });
  const notifier = createNotifier(notifierDeps);
  await deadLetter('c1', 'TARGET_REJECTED', VAT);
  const sent = await notifier.tick();
  t.same(sent, [
    {
      connectionId: 'c1',
      problemKey: 'dead-letter:delivery:TARGET_REJECTED',
      channels: ['email', 'webhook'],
    },
  ]);
  await t.resolves(
    waitFor(() => smtp.received.length === 1),
    'the SMTP server received the e-mail',
  );
  t.match(smtp.received[0], {
    to: ['ops@example.test'],
    subject: /keeps refusing orders of connection "Shop c1"/,
  });
  t.match(smtp.received[0]?.text, VAT);
  t.match(smtp.received[0]?.text, /What to do:/);
  t.equal(received.length, 1, 'the webhook receiver verified the signature and got one notice');
  t.match(received[0], {
    type: WEBHOOK_EVENT_TYPE,
    data: { connectionId: 'c1', kind: 'target-refusing', detail: /VAT rate 27%/ },
  });

  await deadLetter('c1', 'TARGET_REJECTED', VAT);
  await deadLetter('c1', 'TARGET_REJECTED', VAT);
  t.same(await notifier.tick(), [], 'the same problem again within the interval: no second notice');
  t.equal(smtp.received.length, 1);

  await deadLetter('c1', 'TARGET_AUTH_FAILED', 'Asperion refused the refresh token (HTTP 401)');
  const other = await notifier.tick();
  t.same(
    other.map((n) => n.problemKey),
    ['credentials:delivery:TARGET_AUTH_FAILED'],
    'another problem is told',
  );

  await database.db
    .updateTable('notification_state')
    .set({ last_sent_at: new Date(Date.now() - 61 * 60_000) })
    .where('problem_key', '=', 'dead-letter:delivery:TARGET_REJECTED')
    .execute();
  await deadLetter('c1', 'TARGET_REJECTED', VAT);
  t.same(
    (await notifier.tick()).map((n) => n.problemKey),
    ['dead-letter:delivery:TARGET_REJECTED'],
    'after the interval, told again',
  );
  await waitFor(() => smtp.received.length === 3);
  t.match(smtp.received[2]?.text, /2 more time\(s\) since the last notice/, 'with what recurred meanwhile');
});

t.test('two notifiers finding the same problem send one notice', async (t) => {
  await createConnection('c2', { webhook: { url: `${receiverUrl}/hooks` } });
  const before = received.length;
  await deadLetter('c2', 'DECODE_FAILED', 'order.lines[0].quantity is not a number');
  const results = await Promise.all([
    createNotifier(notifierDeps).tick(),
    createNotifier(notifierDeps).tick(),
  ]);
  t.equal(results.flat().length, 1, 'one of them claimed it');
  t.equal(received.length - before, 1);
});

t.test(
  'a notice whose channels all failed is retried on the next scan; silent connections are skipped',
  async (t) => {
    await createConnection('c3', { webhook: { url: `${receiverUrl}/hooks` } });
    await createConnection('c4', {});
    const notifier = createNotifier(notifierDeps);
    receiverFails = true;
    await deadLetter('c3', 'TARGET_REJECTED', VAT);
    await deadLetter('c4', 'TARGET_REJECTED', VAT);
    t.same(await notifier.tick(), [], 'the receiver is down: nothing counted as sent');
    receiverFails = false;
    await database.db
      .insertInto('poll_schedules')
      .values({
        connection_id: 'c3',
        cursor: '',
        interval_seconds: 60,
        next_poll_at: new Date(),
        consecutive_failures: 3,
        last_error: 'Shoprenter answered HTTP 503',
      })
      .execute();
    const retried = await notifier.tick();
    t.same(
      retried.map((n) => n.problemKey).sort(),
      ['dead-letter:delivery:TARGET_REJECTED', 'poll-failing'],
      'the failed notice is told on the next scan, with the poll problem found meanwhile',
    );
    t.notOk(
      retried.some((n) => n.connectionId === 'c4'),
      'a connection without channels hears nothing',
    );
  },
);

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
