import t from 'tap';
import { AUTH, buildSim, seedArticle } from './helpers.js';

t.test('articles keep the barcode in extra.invisible and variants their own sku and extra', async (t) => {
  const sim = buildSim();
  const created = await seedArticle(sim, {
    name: 'Shirt',
    categories: [{ id: 1 }],
    sku: 'SHIRT',
    extra: { invisible: { barcode: '8712345000001' }, visible: { Material: 'katoen' } },
    variants: [
      { id: 7, sku: 'SHIRT-M', extra: { invisible: { barcode: '8712345000018' } }, stock: 2 },
      { id: 8, stock: 1 },
    ],
  });
  const id = (created as { id: number }).id;
  const res = await sim.app.inject({ url: `/v1/articles/${id}?${AUTH}` });
  const article = res.json() as { extra: unknown; variants: Record<string, unknown>[] };
  t.same(article.extra, { invisible: { barcode: '8712345000001' }, visible: { Material: 'katoen' } });
  t.match(article.variants[0], {
    id: 7,
    sku: 'SHIRT-M',
    extra: { invisible: { barcode: '8712345000018' } },
    stock: 2,
  });
  t.notOk('sku' in (article.variants[1] ?? {}), 'a variant without its own sku serves none');

  const patched = await sim.app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}?${AUTH}`,
    payload: { stock: 5, variants: [{ id: 7, stock: 9 }] },
  });
  t.equal(patched.statusCode, 200);
  t.match(patched.json(), {
    stock: 5,
    variants: [
      { id: 7, stock: 9 },
      { id: 8, stock: 1 },
    ],
  });
  const plain = await seedArticle(sim, { name: 'Mok', categories: [{ id: 1 }], extra: 'oud formaat' });
  t.equal(
    (plain as unknown as { extra: unknown }).extra,
    'oud formaat',
    'a plain string extra (older state) is still served',
  );
});
