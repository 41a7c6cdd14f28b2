import { isAppError } from '@koppel/errors';
import type { Test } from 'tap';
import type { AnySourceConnector } from '../source-connector.js';
import type { StockPush } from '../stock.js';
import type { SimulatedConnection } from './conformance-harness.js';
import { createCountingServices } from './conformance-services.js';

/** A shop simulator holding articles the stock sink can set, and a way to read them back. */
export type StockSinkFixture = {
  connection: SimulatedConnection;
  /** At least two articles the shop has, as the books know them (SKU; EAN where the shop keeps one). */
  articles: { sku: string; ean?: string }[];
  /** The quantity the shop now shows for an article (from the simulator, not through the connector). */
  quantityOf(sku: string): Promise<number | null | undefined>;
};

/**
 * The stock part of the source suite, for connectors with `stockSink`: one result per push in
 * push order, quantities read back from the simulator, a repeated push idempotent, an unknown
 * SKU answered `unknown-article` (not an error) beside the known ones, EAN matching where the
 * articles have one, an empty push harmless, and a negative quantity a coded, non-retryable
 * error naming the field rather than a crash.
 */
export async function runStockSinkConformance(
  t: Test,
  connector: AnySourceConnector,
  start: () => Promise<StockSinkFixture>,
): Promise<void> {
  const sink = connector.stockSink;
  const openSession = connector.openSession;
  if (!sink || !openSession) return;
  await t.test(`${connector.system}: stock sink`, async (t) => {
    const fixture = await start();
    t.teardown(() => fixture.connection.close());
    const session = openSession(
      {
        connectionId: 'conformance',
        tenantId: 'conformance',
        settings: connector.settingsSchema.parse(fixture.connection.settings),
        credentials: connector.credentialsSchema.parse(fixture.connection.credentials),
      },
      createCountingServices(),
    );
    t.ok(Number.isSafeInteger(sink.maxBatchSize) && sink.maxBatchSize > 0, 'a positive maxBatchSize');
    const known = fixture.articles.slice(0, Math.min(fixture.articles.length, sink.maxBatchSize - 1));
    const pushes: StockPush[] = known.map((a, i) => ({ ...a, quantity: 3 + i }));
    const read = async () => Promise.all(known.map((a) => fixture.quantityOf(a.sku)));

    const first = await sink.push(session, 'sku', pushes);
    t.same(
      first,
      pushes.map((p) => ({ sku: p.sku, outcome: 'updated' })),
      'one result per push, in order, all updated',
    );
    t.same(
      await read(),
      pushes.map((p) => p.quantity),
      'the shop shows the quantities',
    );
    t.same(await sink.push(session, 'sku', pushes), first, 'pushing the same again is idempotent');

    const unknownSku = `KOPPEL-UNKNOWN-${Date.now()}`;
    const mixed: StockPush[] = [
      { sku: unknownSku, quantity: 1 },
      ...pushes.map((p) => ({ ...p, quantity: 0 })),
    ];
    const answer = await sink.push(session, 'sku', mixed);
    t.same(
      answer.map((r) => r.outcome),
      ['unknown-article', ...pushes.map(() => 'updated')],
      'an unknown SKU is reported beside the known ones',
    );
    t.same(
      await read(),
      pushes.map(() => 0),
      'zero is a quantity too',
    );

    const withEan = known.filter((a) => a.ean !== undefined);
    if (withEan.length > 0) {
      const byEan = await sink.push(
        session,
        'ean',
        withEan.map((a) => ({ ...a, quantity: 9 })),
      );
      t.ok(
        byEan.every((r) => r.outcome === 'updated'),
        'matching by EAN',
      );
      t.same(
        await Promise.all(withEan.map((a) => fixture.quantityOf(a.sku))),
        withEan.map(() => 9),
      );
    }

    t.same(await sink.push(session, 'sku', []), [], 'an empty push answers no results');
    const negative = await sink.push(session, 'sku', [{ sku: known[0]?.sku ?? 'x', quantity: -1 }]).then(
      () => undefined,
      (error: unknown) => error,
    );
    t.ok(
      isAppError(negative) && !negative.retryable && negative.field,
      'a negative quantity: coded, not retried, naming the field',
    );
  });
}
