import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const ORDERS = 200;
const CUSTOMERS = 20;

let fx: PipelineFixture;
t.before(async () => {
  fx = await startPipelineFixture({ withoutTargetConnectors: true });
});
t.teardown(async () => fx?.close());

/** The Asperion connector deployable as its own OS process, exactly as it is deployed. */
function startConnectorProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/connector-asperion/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KAFKA_BROKERS: fx.kafkaBrokers.join(','),
      DATABASE_URL: fx.databaseUrl,
      TOPIC_PREFIX: fx.topicPrefix,
      CREDENTIALS_KEY: fx.credentialsKeyHex,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DELIVERY_MAX_ATTEMPTS: '40',
      DELIVERY_BACKOFF_BASE_MS: '100',
      DELIVERY_BACKOFF_MAX_MS: '2000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

t.test('kill -9 of the delivery process mid-stream of 200 orders: 200 invoices, no duplicate', async (t) => {
  let child = startConnectorProcess();
  t.teardown(() => {
    child.kill('SIGKILL');
  });
  const innerIds: string[] = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const created = await fx.shoprenter.createOrder(
      demoOrder({ email: `crash-${i % CUSTOMERS}@example.nl` }),
    );
    innerIds.push(created.innerId);
  }
  await eventually(
    'some invoices before the crash',
    () => (fx.invoices().length >= 30 ? true : undefined),
    120_000,
  );
  const before = fx.invoices().length;
  child.kill('SIGKILL');
  await new Promise<void>((r) => child.once('exit', () => r()));
  t.ok(before < ORDERS, `the process died mid-stream (${before} of ${ORDERS} booked)`);

  child = startConnectorProcess();
  await eventually(
    'all orders delivered',
    async () => ((await fx.delivered()) === ORDERS ? true : undefined),
    200_000,
    500,
  );
  const expected = new Set(innerIds.map((id) => `WEB-${id}`));
  const numbers = fx
    .invoices()
    .map((i) => i.invoiceNumber)
    .filter((n) => expected.has(n));
  t.equal(numbers.length, ORDERS, '200 invoices');
  t.equal(new Set(numbers).size, ORDERS, 'no invoice booked twice');
  const crashDebtors = fx.debtors().filter((d) => d.emailAddress.startsWith('crash-'));
  t.equal(crashDebtors.length, CUSTOMERS, 'one debtor per customer, none duplicated');
});
