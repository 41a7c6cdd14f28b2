import { inflateRawSync } from 'node:zlib';
import t from 'tap';
import { productListPk, sha1Hex } from '../../src/index.js';
import { buildSim, getRpcId, PARTNER, PRIVATE_KEY, SHOP } from './helpers.js';

/** The single stored entry of a zip written by zipOneFile (local header, then the data). */
function entryOf(zip: Buffer): { name: string; text: string } {
  if (zip.readUInt32LE(0) !== 0x04034b50) throw new Error('no zip local header at the start');
  const method = zip.readUInt16LE(8);
  const size = zip.readUInt32LE(18);
  const nameLength = zip.readUInt16LE(26);
  const data = zip.subarray(30 + nameLength, 30 + nameLength + size);
  return {
    name: zip.toString('utf8', 30, 30 + nameLength),
    text: (method === 8 ? inflateRawSync(data) : data).toString('utf8'),
  };
}

async function seed(sim: ReturnType<typeof buildSim>) {
  await sim.app.inject({
    method: 'POST',
    url: `/_control/shops/${SHOP}/products`,
    payload: { product_id: '501', sku: 'MOK-W', ean: '8712345678906', name: 'Mok & schotel', stock: 10 },
  });
  await sim.app.inject({
    method: 'POST',
    url: `/_control/shops/${SHOP}/products`,
    payload: { product_id: '502', sku: 'THEE-1', name: 'Thee', stock: null },
  });
}

t.test('productlist/get answers a zip with one XML file listing every product (merchant pk)', async (t) => {
  const sim = buildSim();
  await seed(sim);
  const rpcId = await getRpcId(sim);
  const pk = productListPk(SHOP, rpcId, { kind: 'merchant', privateKey: PRIVATE_KEY });
  const res = await sim.app.inject({ url: `/RPC/productlist/get/?shop=${SHOP}&rpc_id=${rpcId}&pk=${pk}` });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /application\/zip/);
  const { name, text } = entryOf(res.rawPayload);
  t.equal(name, 'productlist.xml');
  t.match(
    text,
    /<product><product_id>501<\/product_id><article_code>MOK-W<\/article_code><ean>8712345678906<\/ean><name>Mok &amp; schotel<\/name><stock>10<\/stock><\/product>/,
  );
  t.match(
    text,
    /<product_id>502<\/product_id><article_code>THEE-1<\/article_code><ean><\/ean><name>Thee<\/name><stock><\/stock>/,
  );
});

t.test('partner form with module productlist_get; a wrong pk is an invalid request', async (t) => {
  const sim = buildSim();
  await seed(sim);
  const rpcId = await getRpcId(sim);
  const module = 'productlist_get';
  const pk = sha1Hex(`${SHOP}${PARTNER.key}${PARTNER.name}${module}${rpcId}`);
  const ok = await sim.app.inject({
    url: `/RPC/productlist/get/?shop=${SHOP}&rpc_id=${rpcId}&pk=${pk}&partner=${PARTNER.name}&module=${module}`,
  });
  t.equal(entryOf(ok.rawPayload).name, 'productlist.xml');
  const wrong = await sim.app.inject({
    url: `/RPC/productlist/get/?shop=${SHOP}&rpc_id=${rpcId}&pk=${'0'.repeat(40)}`,
  });
  t.equal(wrong.statusCode, 200);
  t.match(wrong.body, /invalid request/);
  t.equal(wrong.headers['x-simulator-reason'], 'WRONG_PK');
});
