/**
 * Shoprenter variant products with the variant picker (README.md "Variant selector"), against the
 * simulator over HTTP at 3 requests/s: a product with size/colour variants becomes a parent and
 * children of one product type whose variant parameters are the mapped list attributes, each
 * child with its own values (missing values created); "update product information" off changes
 * only prices; on, a changed colour replaces the child's old value. Refusals:
 * product-sink-variant-refusals.test.ts.
 */
import t from 'tap';
import { shoprenterConnector } from '../src/index.js';
import { aProduct, startProductShop } from './product-sink-helpers.js';

const sink = shoprenterConnector.productSink;
if (!sink) throw new Error('the Shoprenter connector has no product sink');

const SELECTOR = { variantSelector: { attributes: { size: 'meret', colour: 'szin' } } };
const HU = 'bGFuZ3VhZ2UtbGFuZ3VhZ2VfaWQ9MQ==';

const tee = (colourOfL = 'kék', name = 'Póló') =>
  aProduct({
    sku: 'TEE-01',
    ean: '5990000000024',
    name,
    priceGrossMinor: 635_000,
    categories: [['Ruházat']],
    images: [],
    characteristics: {},
    variants: [
      { sku: 'TEE-01-M', ean: '5990000000031', attributes: { size: 'M', colour: 'piros' } },
      {
        sku: 'TEE-01-L',
        ean: '5990000000048',
        attributes: { Size: 'L', colour: colourOfL },
        priceGrossMinor: 698_500,
      },
    ],
  });

t.test('a size/colour product becomes a parent and children with the picker’s values', async (t) => {
  const shop = await startProductShop(t);
  const { sim, owner, product } = shop;
  // The shop owner already has a "meret" list with S and M, and an empty "szin" list.
  const meret = await owner('POST', '/listAttributes', { type: 'LIST', name: 'meret', presentation: 'TEXT' });
  await owner('POST', '/listAttributes', { type: 'LIST', name: 'szin' });
  for (const name of ['S', 'M']) {
    const value = await owner('POST', '/listAttributeValues', { listAttribute: { id: meret.id } });
    await owner('POST', '/listAttributeValueDescriptions', {
      name,
      language: { id: HU },
      listAttributeValue: { id: value.id },
    });
  }
  const session = shop.open(undefined, SELECTOR);
  const valuesOf = (sku: string) => {
    const attributes = sim.state().attributes;
    const innerId = product(sku)?.innerId;
    return (attributes?.productValueRelations ?? [])
      .filter((r) => r.productInnerId === innerId)
      .map((r) => {
        const value = attributes?.values.find((v) => v.valueId === r.valueId);
        const list = attributes?.listAttributes.find((a) => a.innerId === value?.attributeInnerId)?.name;
        const name = attributes?.valueDescriptions.find((d) => d.valueId === r.valueId)?.name;
        return `${list}=${name}`;
      })
      .sort();
  };

  const created = await sink.upsert(session, [tee()], { matchKey: 'sku', updateProductInfo: true });
  t.same(
    created.map((r) => [r.sku, r.outcome]),
    [['TEE-01', 'created']],
  );
  const attributes = sim.state().attributes;
  const productClass = attributes?.productClasses[0];
  t.equal(attributes?.productClasses.length, 1, 'one product type was made');
  const lists = (attributes?.listAttributes ?? []).map((a) => [a.innerId, a.name]);
  t.same(
    [productClass?.firstVariantParameter, productClass?.secondVariantParameter].map(
      (id) => lists.find(([inner]) => inner === id)?.[1],
    ),
    ['meret', 'szin'],
    'its variant parameters are the mapped lists, in the map’s order',
  );
  for (const sku of ['TEE-01', 'TEE-01-M', 'TEE-01-L']) {
    t.equal(product(sku)?.catalog?.productClassInnerId, productClass?.innerId, `${sku} has the product type`);
  }
  t.equal(
    product('TEE-01-M')?.catalog?.parentInnerId,
    product('TEE-01')?.innerId,
    'M is a child of the parent',
  );
  t.equal(product('TEE-01-L')?.catalog?.parentInnerId, product('TEE-01')?.innerId, 'L too');
  t.same(valuesOf('TEE-01-M'), ['meret=M', 'szin=piros'], 'M takes the existing value M and a new piros');
  t.same(valuesOf('TEE-01-L'), ['meret=L', 'szin=kék'], 'L takes new values L and kék');
  t.equal(
    attributes?.valueDescriptions.filter((d) => d.name === 'M').length,
    1,
    'an existing value is reused, not created again',
  );
  const extend = await owner('GET', `/productExtend?sku=TEE-01-L&full=1`);
  const items = extend.items as { productAttributeExtend: { name: string; value: { value: string }[] }[] }[];
  t.same(
    items[0]?.productAttributeExtend.map((a) => [a.name, a.value.map((v) => v.value)]),
    [
      ['meret', ['L']],
      ['szin', ['kék']],
    ],
    'the shop shows the child’s values (productExtend.productAttributeExtend)',
  );

  const priceOnly = await sink.upsert(session, [{ ...tee('zöld', 'Póló (új)'), priceGrossMinor: 762_000 }], {
    matchKey: 'sku',
    updateProductInfo: false,
  });
  t.same(
    priceOnly.map((r) => r.outcome),
    ['price-and-stock-only'],
  );
  t.equal(product('TEE-01')?.name, 'Póló', 'information off: the name is kept');
  t.equal(product('TEE-01')?.price, '6000.0000', 'the price changes (7620.00 gross at 27 %)');
  t.same(valuesOf('TEE-01-L'), ['meret=L', 'szin=kék'], 'and the values are kept');

  const updated = await sink.upsert(session, [tee('zöld')], { matchKey: 'sku', updateProductInfo: true });
  t.same(
    updated.map((r) => r.outcome),
    ['updated'],
  );
  t.same(valuesOf('TEE-01-L'), ['meret=L', 'szin=zöld'], 'information on: the new colour replaces the old');
  t.same(valuesOf('TEE-01-M'), ['meret=M', 'szin=piros'], 'an unchanged child keeps its values');
  t.equal(sim.state().attributes?.productClasses.length, 1, 'the product type is reused');
  t.equal(shop.seen().throttled, 0, 'no 429 from the shop');
});
