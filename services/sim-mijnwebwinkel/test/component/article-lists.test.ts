/**
 * Article lists and the variants formed from them (README.md "Article lists and variants"): a
 * store list read by id, options added and removed by name, an article offering lists
 * (`ConfiguratorArticleListPostable`) served as `ConfiguratorArticleList` with one variant per
 * combination (`ArticleVariantOption`: `list_id`, `option_id`, `name`), a PATCH replacing the
 * attached options (kept variants keep id and stock), and 422/404 for unknown lists and options.
 */
import t from 'tap';
import { AUTH, buildSim } from './helpers.js';

type Json = Record<string, unknown>;
type List = { id: number; name: string; options: { id: number; name: string; price: string }[] };

t.test('lists, options, and an article’s variants from its lists', async (t) => {
  const sim = buildSim();
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await sim.app.inject({
      method,
      url: `/v1${url}${url.includes('?') ? '&' : '?'}${AUTH}`,
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    return { status: res.statusCode, body: res.json() as Json };
  };
  const seeded = await sim.app.inject({
    method: 'POST',
    url: '/_control/articlelists',
    payload: { name: 'Maat', description: 'Maten', options: [{ name: 'S' }, { name: 'M', price: '1.00' }] },
  });
  t.equal(seeded.statusCode, 201);
  const maat = seeded.json() as List;
  const read = await call('GET', `/articlelists/${maat.id}`);
  t.match(read.body, {
    id: maat.id,
    name: 'Maat',
    description: 'Maten',
    options: [
      { name: 'S', price: '0.00' },
      { name: 'M', price: '1.00' },
    ],
  });
  t.equal((await call('GET', '/articlelists/1')).status, 404, 'an unknown list');

  const added = await call('POST', `/articlelistoptions/${maat.id}`, [
    { name: 'L', price: '2.00' },
    { name: 'S' },
  ]);
  t.equal(added.status, 200);
  t.same(
    (added.body as List).options.map((o) => o.name),
    ['S', 'M', 'L'],
    'answered with the list; a name it has is not added twice',
  );
  t.equal(
    (await call('POST', `/articlelistoptions/${maat.id}`, [{ price: '1.00' }])).status,
    422,
    'an option needs a name',
  );
  const [s, m, l] = (added.body as List).options;

  const kleurRes = await sim.app.inject({
    method: 'POST',
    url: '/_control/articlelists',
    payload: { name: 'Kleur', options: [{ name: 'rood' }, { name: 'blauw' }] },
  });
  const kleur = kleurRes.json() as List;
  const article = await call('POST', '/articles', {
    name: 'T-shirt',
    categories: [{ category_id: 1 }],
    lists: [
      {
        id: maat.id,
        options: [
          { id: m?.id, image_ids: [] },
          { id: l?.id, image_ids: [] },
        ],
      },
      { id: kleur.id, options: [{ id: kleur.options[0]?.id, image_ids: [] }] },
    ],
  });
  t.equal(article.status, 201);
  t.match(article.body, {
    lists: [
      {
        id: maat.id,
        name: 'Maat',
        has_images: false,
        options: [{ name: 'M', image_ids: [] }, { name: 'L' }],
      },
      { name: 'Kleur' },
    ],
  });
  const variants = article.body.variants as { id: number; stock: number | null; options: Json[] }[];
  t.same(
    variants.map((v) => v.options.map((o) => o.name).join('/')),
    ['M/rood', 'L/rood'],
    'one variant per combination',
  );
  t.match(variants[0], { options: [{ list_id: maat.id, option_id: m?.id, name: 'M' }], stock: 0 });
  await call('PATCH', `/articles/${article.body.id}`, { variants: [{ id: variants[0]?.id, stock: 5 }] });

  const patched = await call('PATCH', `/articles/${article.body.id}`, {
    lists: [
      {
        id: maat.id,
        options: [
          { id: m?.id, image_ids: [] },
          { id: s?.id, image_ids: [] },
        ],
      },
      { id: kleur.id, options: [{ id: kleur.options[0]?.id, image_ids: [] }] },
    ],
  });
  const after = patched.body.variants as { id: number; stock: number | null; options: Json[] }[];
  t.same(
    after.map((v) => v.options.map((o) => o.name).join('/')),
    ['M/rood', 'S/rood'],
    'a PATCH replaces the options',
  );
  t.match(after[0], { id: variants[0]?.id, stock: 5 }, 'a kept combination keeps its variant');

  const unknown = await call('POST', '/articles', {
    name: 'X',
    categories: [{ category_id: 1 }],
    lists: [{ id: maat.id, options: [{ id: 1, image_ids: [] }] }],
  });
  t.equal(unknown.status, 422);
  t.match(JSON.stringify(unknown.body), /lists\[0\]\.options\[0\]\.id/, 'names the unknown option');
  const empty = await call('POST', '/articles', {
    name: 'X',
    categories: [{ category_id: 1 }],
    lists: [{ id: maat.id, options: [] }],
  });
  t.equal(empty.status, 422, 'a new article needs at least one option per list');

  const removed = await call('DELETE', `/articlelistoptions/${maat.id}`, ['L']);
  t.same(
    (removed.body as List).options.map((o) => o.name),
    ['S', 'M'],
    'options removed by name',
  );
});
