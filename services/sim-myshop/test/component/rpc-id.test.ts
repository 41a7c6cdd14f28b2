import t from 'tap';
import { buildSim, SHOP } from './helpers.js';

t.test('GET /RPC/id returns the bare rpc id, as the manual shows it', async (t) => {
  const sim = buildSim();
  const res = await sim.app.inject({ url: `/RPC/id?shop=${SHOP}` });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/plain/);
  // The manual's example answer is `1234567890`: no XML around it.
  t.match(res.body, /^\d{10}$/);
  const again = await sim.app.inject({ url: `/RPC/id?shop=${SHOP}` });
  t.not(again.body, res.body, 'each request gets a new id');
});

t.test('shop must be non-empty and exist', async (t) => {
  const sim = buildSim();
  for (const url of ['/RPC/id', '/RPC/id?shop=', '/RPC/id?shop=99999']) {
    const res = await sim.app.inject({ url });
    t.equal(res.statusCode, 200, 'errors are 200 like the vendor client expects');
    t.match(res.body, /invalid request/);
    t.equal(res.headers['x-simulator-reason'], 'UNKNOWN_SHOP');
  }
});

t.test('unknown RPC paths answer invalid request', async (t) => {
  const sim = buildSim();
  const res = await sim.app.inject({ url: '/RPC/productlist/get/' });
  t.match(res.body, /invalid request/);
});

t.test('shop/get/<name>.xml (module shop_info) with the partner formula', async (t) => {
  const { sha1Hex } = await import('../../src/index.js');
  const { PARTNER, getRpcId } = await import('./helpers.js');
  const sim = buildSim();
  const rpcId = await getRpcId(sim);
  const pk = sha1Hex(`${SHOP}${PARTNER.key}${PARTNER.name}shop_info${rpcId}`);
  const res = await sim.app.inject({
    url: `/RPC/shop/get/somename.xml?pk=${pk}&shop=${SHOP}&rpc_id=${rpcId}&partner=${PARTNER.name}&module=shop_info`,
  });
  t.match(res.body, /<shop><shopnumber>12345<\/shopnumber>/);
});
