import t from 'tap';
import { createOrder } from '../../src/domain/create-order.js';
import { createRelation, findRelation, queryRelations, updateRelation } from '../../src/domain/relations.js';
import { createInitialState } from '../../src/domain/seed.js';
import { mutateStock, queryStock } from '../../src/domain/stock.js';
import type { OrderInput } from '../../src/soap/request-schemas.js';

const now = new Date('2025-06-30T22:30:00Z');

function stateWithCatalog() {
  const state = createInitialState();
  state.products.push({
    productNumber: 1,
    description: 'Shirt',
    groupNumbers: [],
    changeTimestamp: now.toISOString(),
    syncMarker: 1,
    articles: [
      {
        articleNumber: 5,
        description: 'Shirt',
        active: true,
        webshop: true,
        stockArticle: true,
        vatCode: 2,
        price: 1210,
        discontinued: false,
      },
    ],
  });
  const rel = createRelation(state, { name: 'Klant' }, now);
  if (rel.result !== 'CREATE-RELATION-RESULT-OK') throw new Error('seed');
  return { state, relationNumber: rel.relation.relationNumber };
}

const order = (relationNumber: number, extra: Partial<OrderInput> = {}): OrderInput => ({
  extOrderId: 'A-1',
  employeeNumber: 999999,
  relationNumber,
  lineList: [{ articleNumber: 5, data: { quantity: 2 } }],
  ...extra,
});

t.test('orders are numbered per financial year; default financial date is today (UTC)', async (t) => {
  const { state, relationNumber } = stateWithCatalog();
  const a = createOrder(state, order(relationNumber), 'createOrder', now);
  const b = createOrder(state, order(relationNumber, { extOrderId: 'A-2' }), 'createOrder', now);
  const c = createOrder(
    state,
    order(relationNumber, { extOrderId: 'A-3', financialDate: { day: 2, mon: 1, year: 2026 } }),
    'createOrder',
    now,
  );
  t.ok(a.ok && b.ok && c.ok);
  if (!a.ok || !b.ok || !c.ok) return;
  t.same(
    [a.order.orderNumber, b.order.orderNumber, c.order.orderNumber],
    [
      { year: 2025, number: 1 },
      { year: 2025, number: 2 },
      { year: 2026, number: 1 },
    ],
  );
  t.same(a.order.financialDate, { day: 30, mon: 6, year: 2025 });
  t.equal(a.order.totalInclAmount, 2420);
  t.equal(a.order.totalExclAmount, 2000);
  t.not(a.order.orderId, b.order.orderId);
});

t.test('refused orders change nothing in the state', async (t) => {
  const { state, relationNumber } = stateWithCatalog();
  const before = structuredClone(state);
  const refused = createOrder(
    state,
    order(relationNumber, {
      lineList: [
        { articleNumber: 5, data: { quantity: 1 } },
        { articleNumber: 6, data: { quantity: 1 } },
      ],
    }),
    'createOrder',
    now,
  );
  t.match(refused, { ok: false, reason: 'FAILED', errorMessage: /Line 2: article 6/ });
  t.same(state, before);
  const zero = createOrder(
    state,
    order(relationNumber, { lineList: [{ articleNumber: 5, data: { quantity: 0 } }] }),
    'createOrder',
    now,
  );
  t.match(zero, { ok: false, errorMessage: /quantity cannot be 0/ });
});

t.test('relations: find by several fields, update merges, getRelations pages', async (t) => {
  const { state } = stateWithCatalog();
  createRelation(state, { name: 'Jan', email: 'jan@example.nl', zipcode: '1234 AB' }, now);
  createRelation(state, { name: 'Jan', email: 'jan2@example.nl', zipcode: '9999 ZZ' }, now);
  t.equal(findRelation(state, { name: 'Jan', zipcode: '9999 ZZ' })?.fields.email, 'jan2@example.nl');
  t.equal(findRelation(state, { name: 'Jan' })?.relationNumber, 1002, 'lowest number wins');
  t.equal(findRelation(state, {}), undefined);
  const updated = updateRelation(state, { relationNumber: 1002, city: 'Zeist' }, now);
  t.match(updated, {
    result: 'UPDATE-RELATION-RESULT-OK',
    relation: { fields: { name: 'Jan', city: 'Zeist' } },
  });
  t.same(
    queryRelations(state, { relationNumbers: [], syncMarker: 2 }).map((r) => r.relationNumber),
    [1003, 1002],
  );
});

t.test('stock: mutations get global stockIds; queries per branch', async (t) => {
  const { state } = stateWithCatalog();
  mutateStock(state, 1, 5, { set: 4_000_000 }, now);
  mutateStock(state, 2, 5, { add: 1_500_000 }, now);
  t.same(
    queryStock(state, { branchNumbers: [1, 2], articleNumbers: [] }).map((r) => [
      r.branchNumber,
      r.free,
      r.stockId,
    ]),
    [
      [1, 4_000_000, 1],
      [2, 1_500_000, 2],
    ],
  );
  t.same(
    state.stockHistory.map((h) => h.amountChanged),
    [4_000_000, 1_500_000],
  );
});
