/**
 * An operator's day on the real pipeline (Kafka, Postgres, the Shoprenter and Asperion
 * simulators; Asperion permissive, so a double booking would show): an order dead-lettered for
 * a VAT rate without a VAT code, the setting fixed through the admin API, the dead letter
 * replayed and booked once; a second replay books nothing; a paused connection's order waits
 * and is booked once on resume.
 */
import { buildAdminApp } from '@koppel/admin';
import { createCredentialCipher, createPostgresDatabase } from '@koppel/db';
import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { countAsperionDocuments } from '../support/pipeline-harness.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

const KEY = 'operations-e2e-admin-key-0123456789abcdef';
const headers = { authorization: `Bearer ${KEY}` };

let fx: PipelineFixture;
let admin: Awaited<ReturnType<typeof buildAdminApp>>;
let fullVatCodes: unknown;
t.before(async () => {
  fx = await startPipelineFixture({ deliveryRetry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 } });
  const database = createPostgresDatabase(fx.databaseUrl, { maxConnections: 3 });
  admin = await buildAdminApp({
    database,
    cipher: createCredentialCipher(Buffer.from(fx.credentialsKeyHex, 'hex')),
    // The pipeline's own bus: a replay goes onto the same Kafka topics under the run's prefix.
    bus: fx.bus,
    apiKeys: [KEY],
    publicWebhookBaseUrl: fx.ingestUrl,
    registry: createMetricsRegistry('admin-ops-e2e').registry,
    logLevel: 'warn',
  });
  t.teardown(async () => {
    await admin.close();
    await database.close();
  });
  // The mistake to fix: the connection has no Asperion VAT code for 9 %.
  const connection = await fx.pipeline.connections.find(fx.connectionId);
  const settings = connection?.settings as { vatCodes: { vatRateBp: number }[] };
  fullVatCodes = settings.vatCodes;
  await fx.pipeline.connections.update(fx.connectionId, {
    settings: { ...settings, vatCodes: settings.vatCodes.filter((rule) => rule.vatRateBp !== 900) },
  });
});
t.teardown(async () => fx?.close());

const api = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) =>
  admin.inject({
    method,
    url: `/admin/v1/connections/${fx.connectionId}${path}`,
    headers,
    ...(payload ? { payload } : {}),
  });
const stagesOf = async (orderId: string) => (await fx.journey(orderId)).map((e) => e.stage);

t.test(
  'dead-lettered for a missing VAT code, fixed, replayed: booked once; a second replay books nothing',
  async (t) => {
    const order = await fx.shoprenter.createOrder(demoOrder({ email: 'vat-fix@example.nl' }));
    t.equal(order.deliveries[0]?.statusCode, 202);
    const number = `WEB-${order.innerId}`;

    const letter = await eventually('the dead letter', async () => {
      const listed = (await api('GET', '/dead-letters?code=VALIDATION_FAILED')).json() as {
        items: { id: string; externalOrderId: string; stage: string; field: string; reason: string }[];
      };
      return listed.items.find((d) => d.externalOrderId === order.innerId);
    });
    t.match(letter, { stage: 'delivery.asperion', field: 'target.settings.vatCodes', reason: /VAT code/ });
    const failed = (await api('GET', `/orders?status=dead_lettered`)).json() as {
      items: { externalOrderId: string }[];
    };
    t.ok(
      failed.items.some((o) => o.externalOrderId === order.innerId),
      'the activity log lists it as dead-lettered',
    );
    t.equal(await countAsperionDocuments(fx.asperion, number), 0);

    // Fix the setting through the admin API, then replay.
    const connection = (await api('GET', '')).json() as { settings: Record<string, unknown> };
    const patched = await api('PATCH', '', { settings: { ...connection.settings, vatCodes: fullVatCodes } });
    t.equal(patched.statusCode, 200, patched.body);
    const replay = await api('POST', `/dead-letters/${letter.id}/replay`);
    t.equal(replay.statusCode, 200, replay.body);

    // The journey's `delivered` is written right after the invoice exists: wait for it.
    const stages = await eventually('the delivered journey', async () => {
      const found = await stagesOf(order.innerId);
      return found.includes('delivered') ? found : undefined;
    });
    t.ok(stages.indexOf('replayed') > stages.indexOf('dead_lettered'), 'the journey shows the replay');
    t.ok(stages.indexOf('delivered') > stages.indexOf('replayed'), 'and the delivery after it');
    t.equal(await countAsperionDocuments(fx.asperion, number), 1, 'booked once');

    const detail = (await api('GET', `/orders/${order.innerId}/detail`)).json() as {
      status: string;
      toTarget: { request: { documentNumber: string; body: Record<string, unknown> } };
      fromShop: { payload: unknown };
      links: { document: { documentNumber: string } };
    };
    t.match(detail, { status: 'delivered', links: { document: { documentNumber: number } } });
    t.equal(detail.toTarget.request.documentNumber, number, 'what was sent to Asperion');
    t.notMatch(JSON.stringify(detail.toTarget.request), /clientSecret|refresh/i, 'without credentials');
    t.ok(detail.fromShop.payload, 'next to what came from the shop');

    // The order is booked now; replaying its dead letter again must not book it twice.
    const again = await api('POST', `/dead-letters/${letter.id}/replay`);
    t.equal(again.statusCode, 200);
    await eventually('the second replay handled', async () => {
      const after = await stagesOf(order.innerId);
      return after.lastIndexOf('already_in_target') > after.lastIndexOf('replayed') ? true : undefined;
    });
    t.equal(await countAsperionDocuments(fx.asperion, number), 1, 'still one invoice');
  },
);

t.test('paused: the order is accepted and waits; resumed: booked once', async (t) => {
  const paused = await api('POST', '/pause');
  t.match(paused.json(), { paused: true });
  const order = await fx.shoprenter.createOrder(demoOrder({ email: 'paused@example.nl' }));
  t.equal(order.deliveries[0]?.statusCode, 202, 'ingest still accepts it');
  const number = `WEB-${order.innerId}`;
  await eventually('the order waiting', async () =>
    (await stagesOf(order.innerId)).includes('paused') ? true : undefined,
  );
  const waiting = (await api('GET', '/orders?status=waiting')).json() as {
    items: { externalOrderId: string }[];
  };
  t.same(
    waiting.items.map((o) => o.externalOrderId),
    [order.innerId],
    'listed as waiting',
  );
  t.match((await api('GET', '/pause')).json(), { paused: true, waitingDeliveries: 1 });
  t.equal(await countAsperionDocuments(fx.asperion, number), 0, 'nothing booked while paused');
  t.notOk((await stagesOf(order.innerId)).includes('debtor_created'), 'not even the debtor');

  const resumed = await api('POST', '/resume');
  t.match(resumed.json(), { paused: false, woken: 1 });
  await eventually('the invoice', () => fx.invoices().find((i) => i.invoiceNumber === number));
  t.equal(await countAsperionDocuments(fx.asperion, number), 1, 'booked once');
  // The parked record is removed once its re-drive finished (just after the invoice exists).
  await eventually('no delivery left waiting', async () =>
    (await api('GET', '/pause')).json().waitingDeliveries === 0 ? true : undefined,
  );
});
