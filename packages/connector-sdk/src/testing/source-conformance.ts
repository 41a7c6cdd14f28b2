import { toBinary } from '@bufbuild/protobuf';
import { CanonicalOrderSchema } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import type { Test } from 'tap';
import type { DecodeContext, SourceEvent } from '../source-connector.js';
import type { SourceConformanceHarness } from './conformance-harness.js';
import { createCountingServices } from './conformance-services.js';
import { runProductSinkConformance } from './product-sink-conformance.js';
import { runStockSinkConformance } from './stock-sink-conformance.js';

const contextFor = (event: SourceEvent): DecodeContext => ({
  connectionId: 'conformance',
  tenantId: 'conformance',
  eventType: event.eventType,
  receivedAt: new Date('2025-03-01T12:00:00Z'),
});

function decodeAll(harness: SourceConformanceHarness, events: SourceEvent[]) {
  return events.map((event) => harness.connector.decodeOrder(event.payload, contextFor(event)));
}

/**
 * The suite every source connector passes: each documented webhook example splits into events
 * that decode to a valid canonical order (or fails with the expected coded error), decoding is
 * deterministic, event keys are stable, and a polled source's poll finds the simulator's orders
 * with keys that stay the same when polled again from the same cursor; its `check` (when it has
 * one) passes the working connection and fails the one with a wrong credential.
 */
export async function runSourceConformance(t: Test, harness: SourceConformanceHarness): Promise<void> {
  const { connector } = harness;
  t.ok(connector.webhook ?? connector.poller, `${connector.system} has a webhook or a poll capability`);

  for (const fixture of harness.webhookFixtures) {
    await t.test(`${connector.system} webhook ${fixture.name}`, async (t) => {
      const webhook = connector.webhook;
      if (!webhook) throw new Error('a webhook fixture for a source without webhooks');
      if (fixture.expect === 'events') {
        const events = webhook.split(fixture.input);
        t.ok(events.length > 0, 'splits into events');
        t.same(
          webhook.split(fixture.input).map((e) => e.eventKey),
          events.map((e) => e.eventKey),
          'stable event keys',
        );
        const orders = decodeAll(harness, events);
        const again = decodeAll(harness, events);
        for (const [index, order] of orders.entries()) {
          t.ok(order.externalId.length > 0, 'an external id');
          t.ok(order.currency.length === 3, 'an ISO currency');
          t.ok(order.lines.length > 0, 'lines');
          const totals = order.totals;
          t.ok(totals && totals.gross === totals.net + totals.vat, 'gross = net + VAT');
          const twin = again[index];
          t.ok(
            twin &&
              Buffer.from(toBinary(CanonicalOrderSchema, order)).equals(
                Buffer.from(toBinary(CanonicalOrderSchema, twin)),
              ),
            'deterministic',
          );
        }
        return;
      }
      const expected = fixture.expect.errorCode;
      try {
        decodeAll(harness, webhook.split(fixture.input));
        t.fail(`expected ${expected}`);
      } catch (error) {
        t.ok(isAppError(error), 'a coded AppError, not a crash');
        t.equal(isAppError(error) ? error.code : undefined, expected);
        t.ok(isAppError(error) && error.field, 'naming the field');
      }
    });
  }

  // Shop connectors that take stock: the sink check against their simulator (stock-sink-conformance.ts).
  if (connector.stockSink && harness.startStockSink) {
    await runStockSinkConformance(t, connector, harness.startStockSink);
  }
  // Shop connectors that take products: the product sink check (product-sink-conformance.ts).
  if (connector.productSink && harness.startProductSink) {
    await runProductSinkConformance(t, connector, harness.startProductSink);
  }

  const poller = connector.poller;
  const startPolled = harness.startPolled;
  if (!poller || !startPolled || !connector.openSession) return;
  await t.test(`${connector.system} poll`, async (t) => {
    const connection = await startPolled(3);
    t.teardown(() => connection.close());
    const context = {
      connectionId: 'conformance',
      tenantId: 'conformance',
      settings: connector.settingsSchema.parse(connection.settings),
      credentials: connector.credentialsSchema.parse(connection.credentials),
    };
    const session = connector.openSession?.(context, createCountingServices());
    const cursor = poller.cursorFor({ since: new Date(Date.now() - 24 * 3600_000) });
    t.ok(poller.describeCursor(cursor).length > 0, 'the cursor reads as words');
    const first = await poller.poll(session, cursor);
    t.ok(first.events.length >= 3, 'the placed orders are found');
    decodeAll(harness, first.events);
    const again = await poller.poll(session, cursor);
    t.same(
      again.events.map((e) => e.eventKey),
      first.events.map((e) => e.eventKey),
      'stable keys from one cursor',
    );
    const after = await poller.poll(session, first.nextCursor);
    const seen = new Set(first.events.map((e) => e.eventKey));
    t.equal(after.events.filter((e) => !seen.has(e.eventKey)).length, 0, 'nothing new after the cursor');

    const check = connector.check;
    if (!check) return;
    const good = await check(connector.openSession?.(context, createCountingServices()));
    t.ok(good.length > 0 && good.every((finding) => finding.ok), `check passes: ${JSON.stringify(good)}`);
    const wrong = {
      ...context,
      credentials: connector.credentialsSchema.parse({
        ...(connection.credentials as object),
        ...(connection.wrongCredentials as object),
      }),
    };
    const failed = (await check(connector.openSession?.(wrong, createCountingServices()))).filter(
      (f) => !f.ok,
    );
    t.ok(failed.length > 0, 'check fails with a wrong credential');
    t.ok(
      failed.every((finding) => finding.message.length > 10),
      'in words, not a code',
    );
  });
}
