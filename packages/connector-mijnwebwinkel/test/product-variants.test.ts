/**
 * Mijnwebwinkel variant products (README.md "Variants") against the simulator over HTTP: a product
 * with size/colour variants becomes one article offering the mapped store lists, with the options
 * its variants use (missing ones added to the store list), and the shop forms its variants from
 * them; "update product information" off changes only the price; on, a changed colour replaces
 * the attached option (unchanged variants keep their ids); an attribute the connection does not
 * map, a list the store lacks, or an option it may not add refuses the product naming it.
 */
import type { CatalogProduct, SessionServices } from '@koppel/connector-sdk';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import t, { type Test } from 'tap';
import {
  mijnwebwinkelConnector,
  mijnwebwinkelCredentialsSchema,
  mijnwebwinkelSettingsSchema,
} from '../src/index.js';

const TOKENS = { apiToken: 'store-token-variants', partnerToken: 'partner-token-koppel' };
const sink = mijnwebwinkelConnector.productSink;
if (!sink) throw new Error('the Mijnwebwinkel connector has no product sink');

const tee = (colourOfL = 'blauw', name = 'T-shirt', price = 1995): CatalogProduct => ({
  sku: 'TEE-01',
  ean: '8712345670001',
  name,
  priceGrossMinor: price,
  currency: 'EUR',
  vatRateBp: 2100,
  categories: [['Kleding']],
  images: [],
  characteristics: {},
  priceGroups: {},
  variants: [
    { sku: 'TEE-01-M', attributes: { size: 'M', colour: 'rood' } },
    { sku: 'TEE-01-L', attributes: { Size: 'L', colour: colourOfL }, priceGrossMinor: price },
  ],
  active: true,
  changedAt: new Date('2026-11-30T10:00:00Z'),
});

async function start(t: Test) {
  const sim = buildMijnwebwinkelSimulator({
    tokens: [
      { token: TOKENS.apiToken, partnerToken: TOKENS.partnerToken, partnerName: 'Koppel', active: true },
    ],
  });
  const url = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => sim.app.close());
  // The merchant's store lists, made in the back office.
  const list = async (name: string, options: string[]) => {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/_control/articlelists',
      payload: { name, options: options.map((o) => ({ name: o })) },
    });
    return (res.json() as { id: number }).id;
  };
  const maat = await list('Maat', ['S', 'M']);
  const kleur = await list('Kleur', ['rood']);
  const services: SessionServices = {
    saveCredentials: async () => {},
    withCredentialsLock: async () => {
      throw new Error('not used');
    },
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    requestTimeoutMs: 5000,
  };
  const open = (settings: Record<string, unknown> = {}) => {
    const openSession = mijnwebwinkelConnector.openSession;
    if (!openSession) throw new Error('no sessions');
    return openSession(
      {
        connectionId: 'c1',
        tenantId: 't1',
        settings: mijnwebwinkelSettingsSchema.parse({
          apiBaseUrl: url,
          variantLists: { size: maat, colour: kleur },
          ...settings,
        }),
        credentials: mijnwebwinkelCredentialsSchema.parse(TOKENS),
      },
      services,
    );
  };
  const article = (sku: string) => sim.holder.state.articles.find((s) => s.article.sku === sku)?.article;
  const storeList = (id: number) => sim.holder.state.articleLists?.lists.find((l) => l.id === id);
  return { sim, open, article, storeList, maat, kleur };
}

const offered = (lists: { name: string; options: { name: string }[] }[] | undefined) =>
  (lists ?? []).map((l) => `${l.name}: ${l.options.map((o) => o.name).join(', ')}`);
const combinations = (variants: { options: { name: string }[] }[] | undefined) =>
  (variants ?? []).map((v) => v.options.map((o) => o.name).join('/')).sort();

t.test(
  'a size/colour product becomes an article offering the mapped lists; the shop forms its variants',
  async (t) => {
    const { open, article, storeList, maat, kleur } = await start(t);
    const session = open();
    const created = await sink.upsert(session, [tee()], { matchKey: 'sku', updateProductInfo: true });
    t.same(
      created.map((r) => r.outcome),
      ['created'],
    );
    t.same(
      offered(article('TEE-01')?.lists),
      ['Maat: M, L', 'Kleur: rood, blauw'],
      'the options the variants use',
    );
    t.same(
      storeList(maat)?.options.map((o) => o.name),
      ['S', 'M', 'L'],
      'a missing size is added to the store list (POST /articlelistoptions)',
    );
    t.same(
      storeList(kleur)?.options.map((o) => o.name),
      ['rood', 'blauw'],
    );
    t.same(
      combinations(article('TEE-01')?.variants),
      ['L/blauw', 'L/rood', 'M/blauw', 'M/rood'],
      'variants per combination, with list_id, option_id and name',
    );
    t.equal(article('TEE-01')?.price.default, '19.95');
    const red = article('TEE-01')?.variants.find((v) => v.options.map((o) => o.name).join('/') === 'M/rood');

    const priceOnly = await sink.upsert(session, [tee('groen', 'T-shirt nieuw', 2495)], {
      matchKey: 'sku',
      updateProductInfo: false,
    });
    t.same(
      priceOnly.map((r) => r.outcome),
      ['price-and-stock-only'],
    );
    t.equal(article('TEE-01')?.name, 'T-shirt', 'information off: the name is kept');
    t.equal(article('TEE-01')?.price.default, '24.95', 'the price changes');
    t.same(offered(article('TEE-01')?.lists), ['Maat: M, L', 'Kleur: rood, blauw'], 'and the lists are kept');

    const updated = await sink.upsert(session, [tee('groen')], { matchKey: 'sku', updateProductInfo: true });
    t.same(
      updated.map((r) => r.outcome),
      ['updated'],
    );
    t.same(
      offered(article('TEE-01')?.lists),
      ['Maat: M, L', 'Kleur: rood, groen'],
      'the new colour replaces the old',
    );
    t.same(combinations(article('TEE-01')?.variants), ['L/groen', 'L/rood', 'M/groen', 'M/rood']);
    t.equal(
      article('TEE-01')?.variants.find((v) => v.options.map((o) => o.name).join('/') === 'M/rood')?.id,
      red?.id,
      'an unchanged variant keeps its id (and stock)',
    );
  },
);

t.test(
  'an unmapped attribute, a list the store lacks, or an option not to be added refuses the product',
  async (t) => {
    const { open, article } = await start(t);
    const withMaterial: CatalogProduct = {
      ...tee(),
      sku: 'BAG-01',
      ean: '8712345670002',
      variants: [{ sku: 'BAG-01-A', attributes: { size: 'M', materiaal: 'leer' } }],
    };
    const ownPrice: CatalogProduct = {
      ...tee(),
      sku: 'TEE-02',
      ean: '8712345670003',
      variants: [{ sku: 'TEE-02-XL', attributes: { size: 'XL' }, priceGrossMinor: 2195 }],
    };
    const [material, priced] = await sink.upsert(open(), [withMaterial, ownPrice], {
      matchKey: 'sku',
      updateProductInfo: true,
    });
    t.equal(material?.outcome, 'refused');
    t.match(
      material?.reason,
      /attribute "materiaal" has no Mijnwebwinkel article list/,
      'names the attribute',
    );
    t.equal(priced?.outcome, 'refused');
    t.match(priced?.reason, /variant TEE-02-XL has a price of its own/);
    t.equal(article('BAG-01'), undefined, 'nothing is written');

    const [noList] = await sink.upsert(open({ variantLists: { size: 999_999, colour: 999_998 } }), [tee()], {
      matchKey: 'sku',
      updateProductInfo: true,
    });
    t.equal(noList?.outcome, 'refused');
    t.match(
      noList?.reason,
      /attribute "size": article list 999999: .*404/,
      'names the attribute and the list',
    );

    const [noOption] = await sink.upsert(open({ createMissingOptions: false }), [tee()], {
      matchKey: 'sku',
      updateProductInfo: true,
    });
    t.equal(noOption?.outcome, 'refused');
    t.match(
      noOption?.reason,
      /attribute "size": article list \d+ has no option "L"/,
      'without adding options',
    );
  },
);
