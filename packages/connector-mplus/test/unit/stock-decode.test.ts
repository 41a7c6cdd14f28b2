/** Pure parts of the Mplus stock source: quantities with decimal places, and article → shop SKU. */
import t from 'tap';
import { skusOfArticle, tableSkusByArticle } from '../../src/stock/article-skus.js';
import { toReadings, wholeUnits } from '../../src/stock/decode-stock.js';

t.test('Mplus quantities: amount / 10^decimalPlaces, floored', async (t) => {
  t.same(
    [
      wholeUnits('125', 2),
      wholeUnits('25', 1),
      wholeUnits('7', undefined),
      wholeUnits('-15', 1),
      wholeUnits('-20', 1),
    ],
    [1, 2, 7, -2, -2],
  );
});

t.test('on hand = free + reserved; available (free) is what can be sold', async (t) => {
  const stock = {
    branchNumber: 2,
    articleNumber: '100234',
    stockId: '9',
    amountFree: '100',
    decimalPlacesFree: 1,
    amountReserved: '3',
    decimalPlacesReserved: 0,
    changeTimestamp: new Date('2026-01-01T10:00:00Z'),
  };
  t.same(toReadings(stock, { skus: ['TS-1', 'TS-1-OLD'], ean: '8712345000011' }, new Date()), [
    {
      sku: 'TS-1',
      ean: '8712345000011',
      warehouseId: '2',
      onHand: 13,
      reserved: 3,
      sourceTime: stock.changeTimestamp,
    },
    {
      sku: 'TS-1-OLD',
      ean: '8712345000011',
      warehouseId: '2',
      onHand: 13,
      reserved: 3,
      sourceTime: stock.changeTimestamp,
    },
  ]);
});

t.test('the order direction reversed: table SKUs, then a non-numeric PLU, then the number', async (t) => {
  const settings = { articleNumbers: { 'BOOK-1': '100235', 'BOOK-1B': '100235' }, lookupSkuAsPlu: true };
  const table = tableSkusByArticle(settings);
  t.same(skusOfArticle({ articleNumber: '100235', pluNumber: 'PLU-X' }, settings, table), [
    'BOOK-1',
    'BOOK-1B',
  ]);
  t.same(skusOfArticle({ articleNumber: '100236', pluNumber: 'MUG-01' }, settings, table), ['MUG-01']);
  t.same(
    skusOfArticle({ articleNumber: '100236', pluNumber: '4711' }, settings, table),
    ['100236'],
    'a numeric PLU is not a SKU',
  );
  t.same(
    skusOfArticle(
      { articleNumber: '100236', pluNumber: 'MUG-01' },
      { ...settings, lookupSkuAsPlu: false },
      table,
    ),
    ['100236'],
  );
});
