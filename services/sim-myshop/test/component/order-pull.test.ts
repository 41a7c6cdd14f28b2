import t from 'tap';
import { ordersListPk, sha1Hex } from '../../src/index.js';
import {
  buildSim,
  exportedOrders,
  getRpcId,
  PARTNER,
  PRIVATE_KEY,
  pullOrders,
  SHOP,
  seedOrder,
} from './helpers.js';

const EXAMPLE_CHANGE_TIME = '20090106112400';

t.test('the manual example: pk = sha1(shop + change_time + rpc_id + private key)', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  const rpcId = await getRpcId(sim);
  const pk = sha1Hex(`${SHOP}${EXAMPLE_CHANGE_TIME}${rpcId}${PRIVATE_KEY}`);
  t.match(pk, /^[0-9a-f]{40}$/);
  const res = await sim.app.inject({
    url: `/RPC/orders/list?shop=${SHOP}&pk=${pk}&change_time=${EXAMPLE_CHANGE_TIME}&rpc_id=${rpcId}`,
  });
  t.equal(res.statusCode, 200);
  t.notMatch(res.body, /invalid request/);
  t.same(
    exportedOrders(res.body).map((o) => o.shop_order),
    ['12345_00001'],
  );
});

t.test('a wrong pk is refused like the real one: invalid request', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  const rpcId = await getRpcId(sim);
  const right = sha1Hex(`${SHOP}${EXAMPLE_CHANGE_TIME}${rpcId}${PRIVATE_KEY}`);
  const wrongs = {
    'wrong key': sha1Hex(`${SHOP}${EXAMPLE_CHANGE_TIME}${rpcId}other`),
    'partner order of parts': sha1Hex(`${SHOP}${EXAMPLE_CHANGE_TIME}${PRIVATE_KEY}${rpcId}`),
    uppercase: right.toUpperCase(),
    'md5-length': right.slice(0, 32),
  };
  for (const [why, pk] of Object.entries(wrongs)) {
    const res = await pullOrders(sim, EXAMPLE_CHANGE_TIME, { rpcId, pk });
    t.match(res.body, /invalid request/, why);
    t.equal(res.headers['x-simulator-reason'], 'WRONG_PK', why);
    t.equal(exportedOrders(res.body).length, 0);
  }
  t.notMatch((await pullOrders(sim, EXAMPLE_CHANGE_TIME, { rpcId, pk: right })).body, /invalid request/);
});

t.test('an rpc id is valid for at most 2 minutes', async (t) => {
  const sim = buildSim();
  const fresh = await getRpcId(sim);
  sim.clock.advance(120_000);
  t.notMatch(
    (await pullOrders(sim, EXAMPLE_CHANGE_TIME, { rpcId: fresh })).body,
    /invalid request/,
    'at 2:00 still valid',
  );
  sim.clock.advance(1);
  const late = await pullOrders(sim, EXAMPLE_CHANGE_TIME, { rpcId: fresh });
  t.match(late.body, /invalid request/);
  t.equal(late.headers['x-simulator-reason'], 'RPC_ID_EXPIRED');
  const unknown = await pullOrders(sim, EXAMPLE_CHANGE_TIME, { rpcId: '1234567890' });
  t.equal(unknown.headers['x-simulator-reason'], 'UNKNOWN_RPC_ID');
});

t.test('the control clock also expires rpc ids (for sandbox users)', async (t) => {
  const sim = buildSim();
  const rpcId = await getRpcId(sim);
  await sim.app.inject({ method: 'POST', url: '/_control/clock', payload: { advance_seconds: 121 } });
  t.equal(
    (await pullOrders(sim, EXAMPLE_CHANGE_TIME, { rpcId })).headers['x-simulator-reason'],
    'RPC_ID_EXPIRED',
  );
});

t.test('single-use rpc ids when switched on', async (t) => {
  const sim = buildSim({ rpcIdSingleUse: true });
  const rpcId = await getRpcId(sim);
  t.notMatch((await pullOrders(sim, EXAMPLE_CHANGE_TIME, { rpcId })).body, /invalid request/);
  t.equal(
    (await pullOrders(sim, EXAMPLE_CHANGE_TIME, { rpcId })).headers['x-simulator-reason'],
    'RPC_ID_USED',
  );
});

t.test('missing or malformed parameters', async (t) => {
  const sim = buildSim();
  const rpcId = await getRpcId(sim);
  const cases: [string, string][] = [
    [`/RPC/orders/list?shop=${SHOP}&rpc_id=${rpcId}&change_time=${EXAMPLE_CHANGE_TIME}`, 'MISSING_PARAMETER'],
    [`/RPC/orders/list?shop=${SHOP}&pk=x&change_time=${EXAMPLE_CHANGE_TIME}`, 'MISSING_PARAMETER'],
    [`/RPC/orders/list?shop=${SHOP}&pk=x&rpc_id=${rpcId}`, 'MISSING_PARAMETER'],
    [`/RPC/orders/list?shop=${SHOP}&pk=x&rpc_id=${rpcId}&change_time=2009-01-06`, 'INVALID_PARAMETER'],
    [`/RPC/orders/list?shop=${SHOP}&pk=x&rpc_id=${rpcId}&change_time=20091306112400`, 'INVALID_PARAMETER'],
    [`/RPC/orders/list?pk=x&rpc_id=${rpcId}&change_time=${EXAMPLE_CHANGE_TIME}`, 'UNKNOWN_SHOP'],
  ];
  for (const [url, reason] of cases) {
    const res = await sim.app.inject({ url });
    t.match(res.body, /invalid request/, url);
    t.equal(res.headers['x-simulator-reason'], reason, url);
  }
});

t.test('order pull switched off, and the IP allowlist', async (t) => {
  const sim = buildSim();
  await sim.app.inject({
    method: 'PATCH',
    url: `/_control/shops/${SHOP}`,
    payload: { orderPullEnabled: false },
  });
  t.equal((await pullOrders(sim, EXAMPLE_CHANGE_TIME)).headers['x-simulator-reason'], 'ORDER_PULL_DISABLED');
  await sim.app.inject({
    method: 'PATCH',
    url: `/_control/shops/${SHOP}`,
    payload: { orderPullEnabled: true, allowedIp: '203.0.113.7' },
  });
  const other = await pullOrders(sim, EXAMPLE_CHANGE_TIME, { remoteAddress: '198.51.100.1' });
  t.equal(other.headers['x-simulator-reason'], 'IP_NOT_ALLOWED');
  const allowed = await pullOrders(sim, EXAMPLE_CHANGE_TIME, { remoteAddress: '203.0.113.7' });
  t.notMatch(allowed.body, /invalid request/);
});

t.test('partner edition: vendor-code formula, module, system_export; single order by order_id', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  await seedOrder(sim);
  const partnerUrl = async (
    selector: string,
    extra: string,
    module = 'orders_get',
    partner = PARTNER.name,
  ) => {
    const rpcId = await getRpcId(sim);
    const pk = sha1Hex(`${SHOP}${selector}${PARTNER.key}${PARTNER.name}orders_get${rpcId}`);
    return `/RPC/orders/list?pk=${pk}&shop=${SHOP}&rpc_id=${rpcId}&partner=${partner}&module=${module}&${extra}&system_export=1`;
  };
  const list = await sim.app.inject({
    url: await partnerUrl('20010101010101', 'change_time=20010101010101'),
  });
  t.same(
    exportedOrders(list.body).map((o) => o.shop_order),
    ['12345_00001', '12345_00002'],
  );
  const one = await sim.app.inject({ url: await partnerUrl('12345_00002', 'order_id=12345_00002') });
  t.same(
    exportedOrders(one.body).map((o) => o.shop_order),
    ['12345_00002'],
  );
  const wrongModule = await sim.app.inject({
    url: await partnerUrl('20010101010101', 'change_time=20010101010101', 'shop_info'),
  });
  t.equal(wrongModule.headers['x-simulator-reason'], 'WRONG_MODULE');
  const stranger = await sim.app.inject({
    url: await partnerUrl('20010101010101', 'change_time=20010101010101', 'orders_get', 'nobody'),
  });
  t.equal(stranger.headers['x-simulator-reason'], 'UNKNOWN_PARTNER');
  // Merchant formula used with partner parameters: refused.
  const rpcId = await getRpcId(sim);
  const merchantPk = ordersListPk(SHOP, '20010101010101', rpcId, {
    kind: 'merchant',
    privateKey: PRIVATE_KEY,
  });
  const mixed = await sim.app.inject({
    url: `/RPC/orders/list?pk=${merchantPk}&shop=${SHOP}&rpc_id=${rpcId}&partner=${PARTNER.name}&module=orders_get&change_time=20010101010101`,
  });
  t.equal(mixed.headers['x-simulator-reason'], 'WRONG_PK');
});
