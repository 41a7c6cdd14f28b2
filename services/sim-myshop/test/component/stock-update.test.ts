import t from 'tap';
import { sha1Hex, stockUpdatePk } from '../../src/index.js';
import { buildSim, getRpcId, PARTNER, PRIVATE_KEY, SHOP } from './helpers.js';

async function seedProducts(sim: ReturnType<typeof buildSim>) {
  for (const [id, stock] of [
    ['501', 10],
    ['502', 3],
  ] as const) {
    await sim.app.inject({
      method: 'POST',
      url: `/_control/shops/${SHOP}/products`,
      payload: { product_id: id, sku: `SKU-${id}`, name: id, stock },
    });
  }
}
const stockOf = async (sim: ReturnType<typeof buildSim>) =>
  (
    (await sim.app.inject({ url: '/_control/state' })).json().shops[0].products as {
      productId: string;
      stock: number;
    }[]
  ).map((p) => [p.productId, p.stock]);

t.test('partner stock update as the vendor client sends it (count=1)', async (t) => {
  const sim = buildSim();
  await seedProducts(sim);
  const rpcId = await getRpcId(sim);
  const module = 'stock_update_n';
  const pk = sha1Hex(`${SHOP}${PARTNER.key}${PARTNER.name}${module}501${7}${rpcId}`);
  const res = await sim.app.inject({
    url: `/RPC/stock/update_n?pk=${pk}&shop=${SHOP}&productid0=501&stock_value0=7&count=1&rpc_id=${rpcId}&partner=${PARTNER.name}&module=${module}`,
  });
  t.equal(res.statusCode, 200);
  t.notMatch(res.body, /invalid request/);
  t.match(res.body, /<result>ok<\/result>/);
  t.same(await stockOf(sim), [
    ['501', 7],
    ['502', 3],
  ]);
});

t.test('wrong pk, unknown product, expired rpc id: refused, stock unchanged', async (t) => {
  const sim = buildSim();
  await seedProducts(sim);
  const creds = {
    kind: 'partner' as const,
    partnerName: PARTNER.name,
    partnerKey: PARTNER.key,
    module: 'stock_update_n',
  };
  const send = async (pairs: [string, string][], opts: { pk?: string; rpcId?: string } = {}) => {
    const rpcId = opts.rpcId ?? (await getRpcId(sim));
    const pk =
      opts.pk ??
      stockUpdatePk(
        SHOP,
        pairs.map(([productId, stockValue]) => ({ productId, stockValue })),
        rpcId,
        creds,
      );
    const items = pairs.map(([id, v], i) => `productid${i}=${id}&stock_value${i}=${v}`).join('&');
    return sim.app.inject({
      url: `/RPC/stock/update_n?pk=${pk}&shop=${SHOP}&${items}&count=${pairs.length}&rpc_id=${rpcId}&partner=${PARTNER.name}&module=stock_update_n`,
    });
  };
  t.equal((await send([['501', '1']], { pk: 'f'.repeat(40) })).headers['x-simulator-reason'], 'WRONG_PK');
  t.equal(
    (
      await send([
        ['501', '1'],
        ['999', '1'],
      ])
    ).headers['x-simulator-reason'],
    'UNKNOWN_PRODUCT',
  );
  t.equal((await send([['501', 'veel']])).headers['x-simulator-reason'], 'INVALID_PARAMETER');
  const rpcId = await getRpcId(sim);
  sim.clock.advance(120_001);
  t.equal((await send([['501', '1']], { rpcId })).headers['x-simulator-reason'], 'RPC_ID_EXPIRED');
  t.same(
    await stockOf(sim),
    [
      ['501', 10],
      ['502', 3],
    ],
    'nothing changed',
  );
  t.match(
    (
      await send([
        ['501', '0'],
        ['502', '12'],
      ])
    ).body,
    /<count>2<\/count>/,
  );
  t.same(await stockOf(sim), [
    ['501', 0],
    ['502', 12],
  ]);
});

t.test('merchant stock update with the private key (assumed formula)', async (t) => {
  const sim = buildSim();
  await seedProducts(sim);
  const rpcId = await getRpcId(sim);
  const pk = sha1Hex(`${SHOP}5024${rpcId}${PRIVATE_KEY}`);
  const res = await sim.app.inject({
    url: `/RPC/stock/update_n?pk=${pk}&shop=${SHOP}&productid0=502&stock_value0=4&count=1&rpc_id=${rpcId}`,
  });
  t.notMatch(res.body, /invalid request/);
  t.same(await stockOf(sim), [
    ['501', 10],
    ['502', 4],
  ]);
});

t.test('a stock value or count that is not a plain whole number is refused, stock unchanged', async (t) => {
  const sim = buildSim();
  await seedProducts(sim);
  const send = async (stockValue: string, count: string) => {
    const rpcId = await getRpcId(sim);
    const pk = sha1Hex(`${SHOP}501${stockValue}${rpcId}${PRIVATE_KEY}`);
    return sim.app.inject({
      url: `/RPC/stock/update_n?pk=${pk}&shop=${SHOP}&productid0=501&stock_value0=${stockValue}&count=${count}&rpc_id=${rpcId}`,
    });
  };
  for (const [stockValue, count] of [
    ['99999999999999999999', '1'],
    ['7', '0x1'],
    ['7', '1e0'],
  ] as const) {
    const res = await send(stockValue, count);
    t.equal(res.statusCode, 200, `${stockValue} / ${count}`);
    t.match(res.body, /invalid request/);
    t.equal(res.headers['x-simulator-reason'], 'INVALID_PARAMETER');
  }
  t.same(await stockOf(sim), [
    ['501', 10],
    ['502', 3],
  ]);
  const ok = await send('7', '1');
  t.match(ok.body, /<result>ok<\/result>/, 'the merchant form still works');
});
