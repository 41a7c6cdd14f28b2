import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createConnectionRepository,
  createCredentialCipher,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus } from '@koppel/kafka';
import { buildAsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { sql } from 'kysely';
import t from 'tap';
import { asperionDemoSettings } from '../../src/demo-settings.js';
import { captureWebhooks } from '../support/capture-webhooks.js';
import { eventually } from '../support/eventually.js';

/**
 * Every stage as two replicas in two OS processes on the real broker and database: 1,000 orders
 * of 500 new customers, the two orders of each customer sent at the same instant, one to each
 * replica. The Asperion simulator is permissive (it would accept a second invoice or debtor with
 * the same number or e-mail), so what is counted there is Koppel's guarantee.
 */
const ORDERS = 1000;
const repoRoot = resolve(import.meta.dirname, '../../../..');

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url, { maxConnections: 4 });
await migrateToLatest(database.db);
const topicPrefix = `t${uniqueRunId()}.`;
const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'two-replicas' });
await bus.ensureTopics(pipelineTopics(), topicPrefix);
await bus.close();
const keyHex = randomBytes(32).toString('hex');
const asperion = buildAsperionSimulator({ rateLimit: false, permissive: true });
const asperionUrl = await asperion.app.listen({ port: 0, host: '127.0.0.1' });

const connectionId = `c-${randomUUID().slice(0, 8)}`;
const secret = randomBytes(24).toString('base64url');
await createConnectionRepository(database.db, createCredentialCipher(Buffer.from(keyHex, 'hex'))).create({
  id: connectionId,
  tenantId: 'tenant-replicas',
  name: 'two replicas',
  sourceSystem: 'shoprenter',
  targetSystem: 'asperion',
  webhookSecretHash: hashWebhookSecret(secret),
  ipAllowlist: [],
  rules: {},
  settings: { ...asperionDemoSettings(asperionUrl), rateLimit: { requestsPerSecond: 1000, burst: 200 } },
  credentials: {
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    refreshToken: asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
  },
  active: true,
});

function startReplica(name: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'services/embedded/test/support/replica-process.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        DATABASE_URL: isolated.url,
        TOPIC_PREFIX: topicPrefix,
        CREDENTIALS_KEY: keyHex,
        REPLICA_NAME: name,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`replica ${name} exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const ready = /^READY (\S+)/.exec(line);
      if (ready?.[1]) resolveReady({ child, url: ready[1] });
    });
  });
}

const replicas = await Promise.all([startReplica('a'), startReplica('b')]);
t.teardown(async () => {
  await Promise.all(
    replicas.map(
      ({ child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  await asperion.app.close();
  await database.close();
  await isolated.drop();
});

t.test(
  '1,000 orders through two replicas of every stage: one invoice per order, one debtor per customer',
  async (t) => {
    const emailOf = (i: number) => `pair-${Math.floor(i / 2)}@example.nl`;
    const webhooks = await captureWebhooks(ORDERS, emailOf);
    const post = async (replica: number, index: number) => {
      const webhook = webhooks[index];
      const url = replicas[replica]?.url;
      if (!webhook || !url) throw new Error('unreachable');
      const response = await fetch(`${url}/webhooks/shoprenter/${connectionId}/${secret}`, {
        method: 'POST',
        headers: { 'content-type': webhook.contentType },
        body: webhook.body,
      });
      await response.arrayBuffer();
      if (response.status !== 202) throw new Error(`replica ${replica} answered ${response.status}`);
    };
    let nextPair = 0;
    const sender = async () => {
      for (let pair = nextPair++; pair < ORDERS / 2; pair = nextPair++) {
        // The customer's two orders at the same instant, one to each replica.
        await Promise.all([post(0, 2 * pair), post(1, 2 * pair + 1)]);
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));

    const numbers = new Set(webhooks.map((w) => `WEB-${w.innerId}`));
    const ours = () =>
      asperion.state().administrations[0]?.salesInvoices.filter((i) => numbers.has(i.invoiceNumber)) ?? [];
    await eventually('every invoice', () => (ours().length >= ORDERS ? true : undefined), 300_000, 250);
    await new Promise((r) => setTimeout(r, 2000));
    const invoices = ours();
    t.equal(invoices.length, ORDERS, `${ORDERS} invoices for ${ORDERS} orders`);
    t.equal(new Set(invoices.map((i) => i.invoiceNumber)).size, ORDERS, 'no order booked twice');
    const debtors =
      asperion.state().administrations[0]?.debtors.filter((d) => d.emailAddress.startsWith('pair-')) ?? [];
    t.equal(debtors.length, ORDERS / 2, 'one debtor per customer');
    t.equal(new Set(debtors.map((d) => d.emailAddress)).size, ORDERS / 2, 'no customer twice');
    const waits = await database.db
      .selectFrom('order_journey')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('connection_id', '=', connectionId)
      .where('stage', '=', 'retrying')
      .where(sql<string>`detail->>'code'`, '=', 'DEBTOR_BEING_CREATED')
      .executeTakeFirstOrThrow();
    t.ok(Number(waits.n) > 0, `the DEBTOR_BEING_CREATED path was taken (${waits.n} waits)`);
  },
);
