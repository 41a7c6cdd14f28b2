/**
 * Shoprenter variant products the picker cannot be made for (README.md "Variant selector"),
 * against the simulator over HTTP: an attribute the connection does not map, a list attribute the
 * shop lacks, or a value it may not create refuses the product naming it; the other products of
 * the call are written.
 */
import t from 'tap';
import { shoprenterConnector } from '../src/index.js';
import { aProduct, startProductShop } from './product-sink-helpers.js';

const sink = shoprenterConnector.productSink;
if (!sink) throw new Error('the Shoprenter connector has no product sink');

const SELECTOR = { variantSelector: { attributes: { size: 'meret', colour: 'szin' } } };

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

t.test(
  'an attribute without a mapping, or a list the shop lacks, refuses the product naming it',
  async (t) => {
    const shop = await startProductShop(t);
    const session = shop.open(undefined, SELECTOR);
    const withMaterial = aProduct({
      sku: 'BAG-01',
      categories: [],
      images: [],
      variants: [{ sku: 'BAG-01-A', attributes: { size: 'M', anyag: 'bőr' } }],
    });
    const [refused, simple] = await sink.upsert(session, [withMaterial, aProduct({ images: [] })], {
      matchKey: 'sku',
      updateProductInfo: true,
    });
    t.equal(refused?.outcome, 'refused');
    t.match(refused?.reason, /attribute "anyag" has no Shoprenter list attribute/, 'names the attribute');
    t.equal(simple?.outcome, 'created', 'the other product of the call is created');
    t.equal(shop.product('BAG-01'), undefined, 'nothing of the refused product is written');

    const [missingList] = await sink.upsert(session, [tee()], { matchKey: 'sku', updateProductInfo: true });
    t.equal(missingList?.outcome, 'refused');
    t.match(
      missingList?.reason,
      /the shop has no list attribute named "meret" \(variantSelector.attributes maps "size" to it\)/,
      'names the shop’s missing list and the attribute mapped to it',
    );

    await shop.owner('POST', '/listAttributes', { type: 'LIST', name: 'meret' });
    await shop.owner('POST', '/listAttributes', { type: 'LIST', name: 'szin' });
    const strict = shop.open(undefined, {
      variantSelector: { attributes: SELECTOR.variantSelector.attributes, createMissingValues: false },
    });
    const [noValue] = await sink.upsert(strict, [tee()], { matchKey: 'sku', updateProductInfo: true });
    t.equal(noValue?.outcome, 'refused');
    t.match(
      noValue?.reason,
      /variant TEE-01-M: attribute "meret": the shop's list has no value "M"/,
      'without creating values',
    );
  },
);
