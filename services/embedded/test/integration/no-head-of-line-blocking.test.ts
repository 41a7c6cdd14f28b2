import { randomBytes, randomUUID } from 'node:crypto';
import { hashWebhookSecret } from '@koppel/db';
import { buildAsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import t from 'tap';
import { asperionDemoSettings } from '../../src/demo-settings.js';
import { captureWebhooks } from '../support/capture-webhooks.js';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

/**
 * One failing connection is harmless to the others: connection A's Asperion answers 503 for two
 * minutes while connection B (same target system, so the same `deliveries.asperion` partitions)
 * books 200 orders; when A's target recovers, A's orders are booked once each. Both targets run
 * permissive, so a double booking would show in the counts.
 */
const OUTAGE_MS = 120_000;
const A_ORDERS = 30;
const B_ORDERS = 200;

let fx: PipelineFixture;
let targetA: ReturnType<typeof buildAsperionSimulator>;
t.before(async () => {
  // Backoff that grows past the parking threshold (2 s): a long outage waits parked in Postgres.
  fx = await startPipelineFixture({ deliveryRetry: { maxAttempts: 40, baseDelayMs: 500, maxDelayMs: 8000 } });
  targetA = buildAsperionSimulator({ rateLimit: false, permissive: true });
});
t.teardown(async () => {
  await fx?.close();
  await targetA?.app.close();
});

t.test(
  'A’s target is down for two minutes; B’s orders are booked meanwhile; A’s once afterwards',
  async (t) => {
    const targetAUrl = await targetA.app.listen({ port: 0, host: '127.0.0.1' });
    targetA.kit.faults.configure({
      rules: [{ kind: 'fail', status: 503, pathPrefix: '/v1/', count: 1_000_000 }],
    });
    const secretA = randomBytes(24).toString('base64url');
    const connectionA = `a-${randomUUID().slice(0, 8)}`;
    await fx.pipeline.connections.create({
      id: connectionA,
      tenantId: 'tenant-a',
      name: 'A (target down)',
      sourceSystem: 'shoprenter',
      targetSystem: 'asperion',
      webhookSecretHash: hashWebhookSecret(secretA),
      ipAllowlist: [],
      rules: {},
      settings: { ...asperionDemoSettings(targetAUrl), rateLimit: { requestsPerSecond: 500, burst: 100 } },
      credentials: {
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: DEFAULT_CLIENT.clientSecret,
        refreshToken: targetA.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
      },
      active: true,
    });
    const outageStarted = Date.now();
    const post = async (url: string, webhook: { contentType: string; body: string }) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': webhook.contentType },
        body: webhook.body,
      });
      await response.arrayBuffer();
      if (response.status !== 202) throw new Error(`ingest answered ${response.status}`);
    };
    const webhooksA = await captureWebhooks(A_ORDERS, (i) => `a-${i}@example.nl`);
    for (const webhook of webhooksA)
      await post(`${fx.ingestUrl}/webhooks/shoprenter/${connectionA}/${secretA}`, webhook);

    const webhooksB = await captureWebhooks(B_ORDERS, (i) => `b-${i % 50}@example.nl`);
    const numbersB = new Set(webhooksB.map((w) => `WEB-${w.innerId}`));
    for (const webhook of webhooksB) await post(fx.webhookUrl, webhook);
    const bookedB = () => fx.invoices().filter((i) => numbersB.has(i.invoiceNumber));
    await eventually('B’s invoices', () => (bookedB().length >= B_ORDERS ? true : undefined), OUTAGE_MS);
    const bDoneAfterMs = Date.now() - outageStarted;
    t.ok(bDoneAfterMs < OUTAGE_MS, `B’s ${B_ORDERS} orders were booked ${bDoneAfterMs} ms into A’s outage`);
    t.equal(bookedB().length, B_ORDERS, 'each of B’s orders once');
    const invoicesA = () => targetA.state().administrations[0]?.salesInvoices ?? [];
    t.equal(invoicesA().length, 0, 'A’s target booked nothing while it was down');
    const parkedA = await fx.database.db
      .selectFrom('parked_records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('key', 'like', `${connectionA}:%`)
      .executeTakeFirstOrThrow();
    t.ok(Number(parkedA.n) > 0, `A’s orders wait parked in Postgres (${parkedA.n}), not in the consumer`);

    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
    targetA.kit.faults.configure({ rules: [] });
    await eventually('A’s invoices', () => (invoicesA().length >= A_ORDERS ? true : undefined), 120_000);
    await new Promise((r) => setTimeout(r, 2000));
    const numbersA = invoicesA().map((i) => i.invoiceNumber);
    t.equal(numbersA.length, A_ORDERS, 'each of A’s orders booked once after recovery');
    t.equal(new Set(numbersA).size, A_ORDERS, 'none twice');
    t.same([...numbersA].sort(), webhooksA.map((w) => `WEB-${w.innerId}`).sort(), 'exactly A’s orders');
  },
);
