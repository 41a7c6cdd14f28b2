import { toBinary } from '@bufbuild/protobuf';
import { CanonicalOrderSchema } from '@koppel/contracts';
import type { Test } from 'tap';
import type { ConnectionContext } from '../connection-context.js';
import type { TargetConformanceHarness } from './conformance-harness.js';
import { createCountingServices } from './conformance-services.js';
import { runStockConformance } from './stock-conformance.js';

function contextOf(settings: unknown, credentials: unknown): ConnectionContext<unknown, unknown> {
  return { connectionId: 'conformance', tenantId: 'conformance', settings, credentials };
}

/**
 * The suite every target connector passes against its simulator: schemas parse a working
 * connection, `prepareDocument` is pure and deterministic, `check` tells a working connection
 * from a wrong credential, and an order booked once is found again by its number before any
 * second create (the look-up the delivery steps rely on to never book twice).
 */
export async function runTargetConformance(t: Test, harness: TargetConformanceHarness): Promise<void> {
  const { connector } = harness;
  const connection = await harness.start();
  t.teardown(() => connection.close());
  const settings = connector.settingsSchema.parse(connection.settings);
  // The connection store: a credential a session saves (a rotated refresh token) is what the
  // next session opens with, as the runner's store does.
  let stored = connector.credentialsSchema.parse(connection.credentials);
  const open = () => {
    const services = createCountingServices();
    const session = connector.openSession(contextOf(settings, stored), {
      ...services,
      async saveCredentials(values) {
        stored = connector.credentialsSchema.parse({ ...(stored as object), ...values });
      },
      async withCredentialsLock(work) {
        const { save, result } = await work({ ...(stored as object) });
        if (save) stored = connector.credentialsSchema.parse({ ...(stored as object), ...save });
        return result;
      },
    });
    return { session, services };
  };

  await t.test(`${connector.system}: schemas refuse an empty connection`, async (t) => {
    t.notOk(connector.settingsSchema.safeParse({}).success, 'empty settings are refused');
    t.notOk(connector.credentialsSchema.safeParse({}).success, 'empty credentials are refused');
  });

  await t.test(`${connector.system}: prepareDocument is pure and deterministic`, async (t) => {
    const { session, services } = open();
    const { order } = harness.order();
    const before = toBinary(CanonicalOrderSchema, order);
    const first = connector.prepareDocument(order, session);
    const second = connector.prepareDocument(order, session);
    t.same(first, second, 'the same order prepares the same document');
    t.ok(first.number.length > 0, 'with a document number');
    t.equal(services.calls(), 0, 'without any HTTP call');
    t.same(toBinary(CanonicalOrderSchema, order), before, 'and without changing the order');
  });

  await t.test(`${connector.system}: check tells a working connection from a wrong credential`, async (t) => {
    const good = await connector.check(open().session);
    t.ok(good.length > 0, 'the check reports findings');
    t.ok(
      good.every((finding) => finding.ok),
      `a working connection passes: ${JSON.stringify(good)}`,
    );
    const wrong = connector.credentialsSchema.parse({
      ...(stored as object),
      ...(connection.wrongCredentials as object),
    });
    const bad = await connector.check(
      connector.openSession(contextOf(settings, wrong), createCountingServices()),
    );
    const failed = bad.filter((finding) => !finding.ok);
    t.ok(failed.length > 0, 'a wrong credential fails');
    t.ok(
      failed.every((finding) => finding.message.length > 10),
      'in words, not a code',
    );
  });

  await t.test(`${connector.system}: a booked order is found again by its number`, async (t) => {
    const { session } = open();
    const { order, customer } = harness.order();
    const prepared = connector.prepareDocument(order, session);
    t.equal(await connector.findDocument(session, prepared, order), null, 'not there before');
    const debtor =
      (await connector.findDebtorByEmail(session, customer.normalizedEmail)) ??
      (await connector.createDebtor(session, customer, order));
    const found = await connector.findDebtorByEmail(session, customer.normalizedEmail);
    t.equal(found?.targetId, debtor.targetId, 'the debtor is found by e-mail');
    t.same(await connector.findMissingProducts(session, order), [], 'the products exist');
    const document = await connector.createDocument(session, prepared, debtor);
    const again = await connector.findDocument(session, prepared, order);
    t.equal(again?.number, document.number, 'the look-up finds the document by its number');
  });

  if (connector.stockSource)
    await runStockConformance(
      t,
      connector.system,
      connector.stockSource,
      () => open().session,
      connection.stock,
    );
}
