import type { Test } from 'tap';
import type { StockReading, StockScope, StockSourceCapability } from '../stock.js';

/**
 * What a connection offers the stock check: the scope to read and one article whose stock the
 * simulator can set (through its control API), so the check can see a change come through.
 */
export type StockFixture = {
  scope: StockScope;
  /** An article of the simulator's catalogue, as the shop knows it (the readings' `sku`). */
  sku: string;
  /** Sets the article's on-hand stock so that it sums to `onHand` over `scope` (no reservations). */
  setOnHand(onHand: number): Promise<void>;
};

/** Pages a full read may take before the check calls it a loop. */
const MAX_PAGES = 1_000;

/** Every page of `readAll`, with the check that no article is split over two pages. */
export async function readEverything<Session>(
  source: StockSourceCapability<Session>,
  session: Session,
  scope: StockScope,
): Promise<{ readings: StockReading[]; pages: number; splitSkus: string[] }> {
  const readings: StockReading[] = [];
  const seenOnEarlierPages = new Set<string>();
  const splitSkus: string[] = [];
  let page: string | undefined;
  let pages = 0;
  do {
    const answer = await source.readAll(session, scope, page);
    pages += 1;
    const skus = new Set(answer.readings.map((r) => r.sku));
    for (const sku of skus) if (seenOnEarlierPages.has(sku)) splitSkus.push(sku);
    for (const sku of skus) seenOnEarlierPages.add(sku);
    readings.push(...answer.readings);
    if (answer.next !== undefined && answer.next === page) throw new Error(`readAll repeated page ${page}`);
    page = answer.next;
  } while (page !== undefined && pages < MAX_PAGES);
  if (page !== undefined) throw new Error(`readAll did not end within ${MAX_PAGES} pages`);
  return { readings, pages, splitSkus };
}

const onHandOf = (readings: readonly StockReading[], sku: string) =>
  readings.filter((r) => r.sku === sku).reduce((sum, r) => sum + r.onHand, 0);

function wellFormed(reading: StockReading): string | undefined {
  if (reading.sku.trim() === '') return 'an empty sku';
  if (!Number.isSafeInteger(reading.onHand)) return `onHand ${reading.onHand} is not a whole number`;
  if (!Number.isSafeInteger(reading.reserved) || reading.reserved < 0)
    return `reserved ${reading.reserved} is not a whole number >= 0`;
  if (!(reading.sourceTime instanceof Date) || Number.isNaN(reading.sourceTime.getTime()))
    return 'no valid sourceTime';
  if (typeof reading.warehouseId !== 'string') return 'no warehouseId';
  return undefined;
}

/**
 * The stock part of the target suite, for connectors with `stockSource`: a full read ends,
 * answers well-formed readings and keeps each article's readings (one per warehouse) on one page;
 * with a fixture, a stock change set in the simulator shows in the next full read and, where the
 * connector has a change feed, in `readChanges` after the marker, and not again after `next`.
 */
export async function runStockConformance<Session>(
  t: Test,
  system: string,
  source: StockSourceCapability<Session>,
  open: () => Session,
  fixture: StockFixture | undefined,
): Promise<void> {
  const scope = fixture?.scope ?? { warehouses: [] };

  await t.test(`${system}: readAll pages through well-formed stock readings`, async (t) => {
    const { readings, splitSkus } = await readEverything(source, open(), scope);
    t.ok(readings.length > 0, 'the simulator reports stock');
    const faults = readings.flatMap((r) => {
      const fault = wellFormed(r);
      return fault ? [`${r.sku}@${r.warehouseId}: ${fault}`] : [];
    });
    t.same(faults, [], 'every reading is well formed');
    t.same(splitSkus, [], "an article's readings are never split over two pages");
  });

  if (!fixture) return;

  await t.test(`${system}: a stock change shows in the next full read`, async (t) => {
    await fixture.setOnHand(17);
    const first = await readEverything(source, open(), scope);
    t.equal(onHandOf(first.readings, fixture.sku), 17, `${fixture.sku} has 17 on hand`);
    await fixture.setOnHand(4);
    const second = await readEverything(source, open(), scope);
    t.equal(onHandOf(second.readings, fixture.sku), 4, 'and 4 after the change');
  });

  const changes = source.readChanges;
  if (!changes) return;

  await t.test(`${system}: readChanges answers a change after the marker, once`, async (t) => {
    const session = open();
    const marker = await changes.initialMarker(session, scope);
    await fixture.setOnHand(23);
    const changed: StockReading[] = [];
    let next = marker;
    for (let round = 0; round < MAX_PAGES; round++) {
      const answer = await changes.read(session, scope, next);
      changed.push(...answer.readings);
      next = answer.next;
      if (!answer.more) break;
    }
    t.not(next, marker, 'the marker moves on');
    t.equal(
      onHandOf(changed, fixture.sku),
      23,
      `the changed article ${fixture.sku} with its current figures`,
    );
    const again = await changes.read(session, scope, next);
    t.same(
      again.readings.map((r) => r.sku),
      [],
      'nothing more after the new marker',
    );
    t.equal(again.next, next, 'and the marker stays where it is');
  });
}
