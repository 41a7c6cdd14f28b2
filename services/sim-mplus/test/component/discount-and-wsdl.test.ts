import { XMLParser, XMLValidator } from 'fast-xml-parser';
import t from 'tap';
import { OPERATIONS } from '../../src/soap/operations.js';
import { createRelation, type Json, list, seedCatalog, soap, soapOk, startSim } from './helpers.js';

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const sim = await startSim({ now: () => new Date('2025-03-01T10:00:00Z') });
  t.teardown(() => sim.app.close());
  await seedCatalog(sim);
  const relationNumber = await createRelation(sim, { name: 'Jansen BV' });
  return { sim, relationNumber };
}

const order = (relationNumber: number, extOrderId: string, discountPercentage: number) => ({
  extOrderId,
  employeeNumber: 999999,
  relationNumber,
  lineList: {
    line: [{ articleNumber: 100234, data: { quantity: 2, price: 2500, vatCode: 2, discountPercentage } }],
  },
});

t.test('discountPercentage above 100 or below 0: the operation FAILED result, nothing stored', async (t) => {
  const { sim, relationNumber } = await setup(t);
  for (const pct of [150, 101, -5]) {
    const created = await soapOk(sim, 'createOrder', { order: order(relationNumber, `WEB-${pct}`, pct) });
    t.equal(created.result, 'CREATE-ORDER-RESULT-FAILED', `createOrder ${pct}`);
    t.equal(created.errorMessage, `Line 1: discountPercentage ${pct} must be between 0 and 100`);
    const queued = await soapOk(sim, 'queueBranchOrder', { order: order(relationNumber, `Q-${pct}`, pct) });
    t.equal(queued.result, 'QUEUE-BRANCH-ORDER-RESULT-FAILED', `queueBranchOrder ${pct}`);
    t.match(queued.errorMessage, /discountPercentage/);
    const invoice = await soapOk(sim, 'saveInvoice', {
      invoice: { ...order(relationNumber, '', pct), extOrderId: undefined, extInvoiceId: `INV-${pct}` },
    });
    t.equal(invoice.result, 'SAVE-INVOICE-RESULT-FAILED', `saveInvoice ${pct}`);
    t.match(invoice.errorMessage, /discountPercentage/);
  }
  const orders = (await sim.app.inject({ url: '/_control/orders' })).json() as { orders: unknown[] };
  t.same(orders.orders, [], 'no order stored');
  const till = await sim.app.inject({
    method: 'POST',
    url: '/_control/till-orders',
    payload: { order: order(relationNumber, 'TILL-1', 150) },
  });
  t.equal(till.statusCode, 422, 'a till order is refused the same way');
});

t.test('discountPercentage 0..100 is accepted; 100 gives a zero line, never a negative total', async (t) => {
  const { sim, relationNumber } = await setup(t);
  for (const [pct, total] of [
    [0, 5000],
    [10, 4500],
    [100, 0],
  ] as const) {
    const created = await soapOk(sim, 'createOrder', { order: order(relationNumber, `OK-${pct}`, pct) });
    t.equal(created.result, 'CREATE-ORDER-RESULT-OK', `${pct} %`);
    const found = await soapOk(sim, 'findOrder', { extOrderId: `OK-${pct}` });
    t.equal(Number((found.order as Json).totalInclAmount), total);
  }
});

t.test('GET /?wsdl answers a WSDL of the implemented operations (text/xml)', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const res = await sim.app.inject({ method: 'GET', url: '/?wsdl', headers: { host: 'api.example:44038' } });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/xml/);
  t.equal(XMLValidator.validate(res.body), true, 'well-formed XML');
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, attributeNamePrefix: '' });
  const wsdl = parser.parse(res.body).definitions as Json;
  t.match(wsdl, { name: 'MplusQapi', targetNamespace: 'urn:mplusqapi' });
  const portOps = list((wsdl.portType as Json).operation).map((o) => o.name);
  t.same(portOps, Object.keys(OPERATIONS).sort(), 'every implemented operation, nothing else');
  const binding = wsdl.binding as Json;
  t.match(binding, { name: 'MplusQapi', binding: { style: 'document' } });
  t.ok(
    list(binding.operation).every((o) => (o.operation as Json).soapAction === ''),
    'soapAction="" as in the vendor binding',
  );
  t.match(wsdl.service, {
    name: 'MplusQapi',
    documentation: 'API for building integrations with the data of MplusKASSA',
    port: { binding: 'tns:MplusQapi', address: { location: 'http://api.example:44038/' } },
  });
  const withAuth = await sim.app.inject({ method: 'GET', url: '/?ident=x&secret=y&wsdl' });
  t.equal(withAuth.statusCode, 200, 'credentials in the URL do not matter');
});

t.test('GET / without ?wsdl and ?docs: a SOAP Fault in XML, not JSON', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  for (const url of ['/?docs', '/']) {
    const res = await sim.app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 404, url);
    t.match(res.headers['content-type'], /^text\/xml/);
    t.match(res.body, /<faultcode>SOAP-ENV:Client<\/faultcode>/);
  }
  const post = await soap(sim, 'getApiVersion');
  t.equal(post.status, 200, 'POST / is unchanged');
});
