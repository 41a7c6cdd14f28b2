import type { Test } from 'tap';
import type { CatalogProduct } from '../products.js';
import type { AnySourceConnector } from '../source-connector.js';
import type { SimulatedConnection } from './conformance-harness.js';
import { createCountingServices } from './conformance-services.js';

/** A shop simulator the product sink can write to, and a way to read products back. */
export type ProductSinkFixture = {
  connection: SimulatedConnection;
  /** A product this shop accepts (categories, price basis, images as it takes them), unique per `index`. */
  product(index: number): CatalogProduct;
  /** The name the shop now shows for a SKU (from the simulator, not through the connector); undefined: none. */
  nameOf(sku: string): Promise<string | undefined>;
  /** How many products (articles) the shop holds, to prove nothing is created twice. */
  count(): Promise<number>;
};

/**
 * The product part of the source suite, for connectors with `productSink`: one result per product
 * in order, new products `created` with the shop's id, the same products again with "update
 * product information" off `price-and-stock-only` (the shop's name kept, nothing created twice),
 * with it on `updated` (the source's name), a product without a price refused with a reason
 * beside accepted ones, and an empty call harmless.
 */
export async function runProductSinkConformance(
  t: Test,
  connector: AnySourceConnector,
  start: () => Promise<ProductSinkFixture>,
): Promise<void> {
  const sink = connector.productSink;
  const openSession = connector.openSession;
  if (!sink || !openSession) return;
  await t.test(`${connector.system}: product sink`, async (t) => {
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
    t.ok(Number.isSafeInteger(sink.maxBatchSize) && sink.maxBatchSize > 1, 'a maxBatchSize above one');
    const products = [fixture.product(1), fixture.product(2)];
    const before = await fixture.count();
    const options = (updateProductInfo: boolean) => ({ matchKey: 'sku' as const, updateProductInfo });

    const created = await sink.upsert(session, products, options(true));
    t.same(
      created.map((r) => [r.sku, r.outcome]),
      products.map((p) => [p.sku, 'created']),
      'one result per product, in order, created',
    );
    t.ok(
      created.every((r) => typeof r.shopProductId === 'string' && r.shopProductId !== ''),
      'with the shop’s ids',
    );
    t.equal(await fixture.count(), before + 2, 'the shop holds them');

    const renamed = products.map((p) => ({ ...p, name: `${p.name} (renamed)` }));
    const priceOnly = await sink.upsert(session, renamed, options(false));
    t.same(
      priceOnly.map((r) => [r.outcome, r.shopProductId]),
      created.map((r) => ['price-and-stock-only', r.shopProductId]),
      'information off: the same products, prices only',
    );
    t.equal(await fixture.nameOf(products[0]?.sku ?? ''), products[0]?.name, 'the shop’s name is kept');

    const updated = await sink.upsert(session, renamed, options(true));
    t.same(
      updated.map((r) => [r.outcome, r.shopProductId]),
      created.map((r) => ['updated', r.shopProductId]),
      'information on: updated',
    );
    t.equal(await fixture.nameOf(products[0]?.sku ?? ''), renamed[0]?.name, 'the source’s name');
    t.equal(await fixture.count(), before + 2, 'nothing created twice');

    const { priceNetMinor: _net, priceGrossMinor: _gross, ...withoutPrice } = fixture.product(3);
    const mixed = await sink.upsert(session, [withoutPrice, fixture.product(4)], options(true));
    t.same(
      mixed.map((r) => r.outcome),
      ['refused', 'created'],
      'a product without a price is refused beside an accepted one',
    );
    t.ok((mixed[0]?.reason ?? '').length > 5, 'with a reason in words');
    t.same(await sink.upsert(session, [], options(true)), [], 'an empty call answers no results');
  });
}
