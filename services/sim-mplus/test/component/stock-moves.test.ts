/**
 * Stock that moves when the simulator books an order (vendor stock tutorial,
 * https://developers.mpluskassa.nl/tutorials/stock): free stock goes down, reserved up, with a new
 * stockId and a SALES history row naming the order; a control `set` is a stock count of the
 * physical stock (free + reserved).
 */
import t from 'tap';
import { createRelation, type Json, list, seedCatalog, soapOk, startSim } from './helpers.js';

const order = (relationNumber: number) => ({
  extOrderId: 'WEB-STOCK-1',
  entryBranchNumber: 1,
  employeeNumber: 999999,
  relationNumber,
  vatMethod: 'VAT-METHOD-INCLUSIVE',
  lineList: {
    line: [{ articleNumber: 100234, text: 'T-shirt red M', data: { quantity: 2, price: 2500, vatCode: 2 } }],
  },
});

t.test('an order reserves stock as a stock change with a SALES history row', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await seedCatalog(sim);
  const relationNumber = await createRelation(sim, { name: 'Piet Jansen' });
  const created = await soapOk(sim, 'createOrder', { order: order(relationNumber) });
  const orderId = (created.info as Json).orderId;
  const [stock] = list(
    (
      await soapOk(sim, 'getStock', {
        request: { branchNumber: 1, articleNumbers: { articleNumbers: [100234] } },
      })
    ).articleStocks,
  );
  t.match(stock, { amountFree: '10', amountReserved: '2', stockId: '4' }, 'free 12 → 10, reserved 2');
  const history = list(
    (await soapOk(sim, 'getStockHistory', { request: { branchNumber: 1, sinceStockId: 3 } }))
      .articleStockHistory,
  );
  t.same(
    history.map((h) => [h.stockId, h.articleNumber, h.amountChanged, h.type, h.orderId]),
    [['4', '100234', '-2', 'STOCK-HISTORY-TYPE-SALES', orderId]],
  );
  const counted = await sim.app.inject({
    method: 'PUT',
    url: '/_control/stock',
    payload: { rows: [{ branchNumber: 1, articleNumber: 100234, quantity: 20 }] },
  });
  t.equal(counted.statusCode, 200);
  const [after] = list(
    (
      await soapOk(sim, 'getStock', {
        request: { branchNumber: 1, articleNumbers: { articleNumbers: [100234] } },
      })
    ).articleStocks,
  );
  t.match(after, { amountFree: '18', amountReserved: '2', stockId: '5' }, 'a count of 20 with 2 reserved');
  const [row] = list(
    (await soapOk(sim, 'getStockHistory', { request: { branchNumber: 1, sinceStockId: 4 } }))
      .articleStockHistory,
  );
  t.match(row, { type: 'STOCK-HISTORY-TYPE-CORRECTION', amountChanged: '8' });
});

t.test('getStock takes several branches as the WSDL BranchNumberList', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await seedCatalog(sim);
  const rows = list(
    (
      await soapOk(sim, 'getStock', {
        request: {
          branchNumber: 1,
          articleNumbers: { articleNumbers: [100234] },
          branchNumbers: { branchNumber: [1, 2] },
        },
      })
    ).articleStocks,
  );
  t.same(
    rows.map((r) => [r.branchNumber, r.amountFree]),
    [
      ['1', '12'],
      ['2', '40'],
    ],
  );
});
