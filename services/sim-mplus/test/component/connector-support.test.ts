/**
 * Behaviour added for the MplusKASSA connector, all from the vendor WSDL (MP-WSDL):
 * getBranches (workplaces), getEmployee, getProducts filters in their WSDL form, turnover group
 * and discountAmountExcl kept on order lines.
 */
import t from 'tap';
import { createRelation, list, seedCatalog, soapOk, startSim } from './helpers.js';

t.test('getBranches lists branches with their workplaces', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const answer = await soapOk(sim, 'getBranches');
  const branches = list((answer.branches as Record<string, unknown>).branch);
  t.same(
    branches.map((b) => [
      b.branchNumber,
      list((b.workplaces as Record<string, unknown>).workplace).map((w) => w.workplaceNumber),
    ]),
    [
      ['1', ['1']],
      ['2', ['1', '2']],
    ],
  );
});

t.test('getEmployee: OK for the super user, NOT-FOUND otherwise', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  t.equal((await soapOk(sim, 'getEmployee', { employeeNumber: 999999 })).result, 'GET-EMPLOYEE-RESULT-OK');
  t.equal(
    (await soapOk(sim, 'getEmployee', { employeeNumber: 4711 })).result,
    'GET-EMPLOYEE-RESULT-NOT-FOUND',
  );
});

t.test('getProducts takes articleNumbers repeated directly (WSDL form)', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await seedCatalog(sim);
  const byNumber = await soapOk(sim, 'getProducts', { request: { articleNumbers: [100234, 200100] } });
  const numbers = list((byNumber.productList as Record<string, unknown>).product).flatMap((p) =>
    list((p.articleList as Record<string, unknown>).article).map((a) => a.articleNumber),
  );
  t.ok(numbers.includes('100234') && numbers.includes('200100'));
  t.notOk(numbers.includes('100235'), 'another product is left out');
});

t.test('an order line keeps its turnover group; an excl. discount alone is applied', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await seedCatalog(sim);
  const relationNumber = await createRelation(sim, { name: 'Piet' });
  const answer = await soapOk(sim, 'createOrder', {
    order: {
      extOrderId: 'WEB-1',
      employeeNumber: 999999,
      relationNumber,
      vatMethod: 'VAT-METHOD-EXCLUSIVE',
      lineList: {
        line: [
          {
            articleNumber: 100234,
            data: {
              quantity: 3,
              priceExcl: 1000,
              vatCode: 2,
              discountAmountExcl: 2,
              turnoverGroupCostCenter: 810,
            },
          },
        ],
      },
    },
  });
  t.equal(answer.result, 'CREATE-ORDER-RESULT-OK');
  const line = sim.store.state().orders[0]?.lines[0];
  t.equal(line?.turnoverGroupCostCenter, 810);
  t.equal(line?.lineTotalExcl, 2998, '3 × 10.00 − 0.02');
});

t.test(
  'saveInvoice: a new invoice, a reused extInvoiceId refused (unless permissive), findInvoice',
  async (t) => {
    const sim = await startSim();
    t.teardown(() => sim.app.close());
    await seedCatalog(sim);
    const relationNumber = await createRelation(sim, { name: 'Piet' });
    const invoice = {
      extInvoiceId: 'WEB-7',
      employeeNumber: 999999,
      relationNumber,
      lineList: { line: [{ articleNumber: 100234, data: { quantity: 2, price: 2500, vatCode: 2 } }] },
    };
    const saved = await soapOk(sim, 'saveInvoice', { invoice });
    t.equal(saved.result, 'SAVE-INVOICE-RESULT-OK');
    const again = await soapOk(sim, 'saveInvoice', { invoice });
    t.equal(again.result, 'SAVE-INVOICE-RESULT-EXT-INVOICE-ID-ALREADY-EXISTS');
    const found = await soapOk(sim, 'findInvoice', { extInvoiceId: 'WEB-7' });
    t.equal(found.result, 'GET-INVOICE-RESULT-OK');
    t.equal((found.invoice as Record<string, unknown>).totalInclAmount, '5000');
    t.equal(
      (await soapOk(sim, 'findInvoice', { extInvoiceId: 'WEB-8' })).result,
      'GET-INVOICE-RESULT-NOT-FOUND',
    );
    const badEmployee = await soapOk(sim, 'saveInvoice', {
      invoice: { ...invoice, extInvoiceId: 'WEB-9', employeeNumber: 1 },
    });
    t.equal(badEmployee.result, 'SAVE-INVOICE-RESULT-FAILED');
    await sim.app.inject({ method: 'PUT', url: '/_control/mode', payload: { permissive: true } });
    t.equal(
      (await soapOk(sim, 'saveInvoice', { invoice })).result,
      'SAVE-INVOICE-RESULT-OK',
      'permissive: stored twice',
    );
    const docs = await sim.app.inject({ url: '/_control/documents?kind=invoice&externalOrderId=WEB-7' });
    t.equal((docs.json() as { count: number }).count, 2);
  },
);
