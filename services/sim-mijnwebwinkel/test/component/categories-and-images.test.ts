/**
 * Categories (pages) and article images (README.md "Categories and images"): create and list
 * pages, nested by `parent_category_id`, as a tree with `as_tree`; articles linked to pages in the
 * spec's `category_id` form; images by URL and by upload, served as `ArticleImage`; 422 for bad input.
 */
import t from 'tap';
import { AUTH, buildSim } from './helpers.js';

type Json = Record<string, unknown>;

t.test('pages, articles on them, images by URL and by upload', async (t) => {
  const sim = buildSim();
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await sim.app.inject({
      method,
      url: `/v1${url}${url.includes('?') ? '&' : '?'}${AUTH}`,
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    return { status: res.statusCode, body: (res.body === '' ? undefined : res.json()) as unknown };
  };
  const keuken = (await call('POST', '/categories', { title: 'Keuken' })).body as Json;
  const mokken = (await call('POST', '/categories', { title: 'Mokken', parent_category_id: keuken.id }))
    .body as Json;
  t.match(mokken, { title: 'Mokken', parent_category_id: keuken.id, hidden: false });
  t.same(
    ((await call('GET', '/categories?limit=100')).body as Json[]).map((c) => c.title),
    ['Keuken', 'Mokken'],
  );
  const tree = (await call('GET', '/categories?as_tree=true')).body as Json[];
  t.match(tree, [{ title: 'Keuken', leafs: [{ title: 'Mokken', leafs: [] }] }]);
  t.match(await call('POST', '/categories', { title: 'Wees', parent_category_id: 1 }), {
    status: 422,
    body: { detail: /parent_category_id/ },
  });

  const created = await call('POST', '/articles', {
    name: 'Mok',
    categories: [{ category_id: mokken.id, is_main: true, is_active: true }],
    images: [{ url: 'https://images.example.com/mok.jpg', position: 1 }],
  });
  t.equal(created.status, 201);
  const article = created.body as { id: number; categories: Json[]; images: Json[] };
  t.same(article.categories, [{ id: mokken.id, name: '' }]);
  t.match(article.images, [{ position: '1', original_name: 'mok', urls: { thumb: /\/thumb\// } }]);

  const upload = await call('POST', `/articles/uploadImage/${article.id}`, {
    filename: 'mok-achter.png',
    position: 2,
    content: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  });
  t.equal(upload.status, 200);
  t.type(upload.body, 'string', 'the new image id as a JSON string');
  const images = ((await call('GET', `/articles/${article.id}`)).body as { images: Json[] }).images;
  t.same(
    images.map((i) => i.original_name),
    ['mok', 'mok-achter'],
  );
  t.match(await call('POST', `/articles/uploadImage/${article.id}`, { filename: 'x.png', content: '%%%' }), {
    status: 422,
  });
  t.equal((await call('DELETE', `/deleteImage/${String(upload.body)}`)).status, 204);
  const kept = await call('PATCH', `/articles/${article.id}`, {
    images: [{ id: images[0]?.id, url: 'https://x.example/y.jpg' }],
  });
  t.equal((kept.body as { images: Json[] }).images.length, 1, 'PATCH images replaces the set');
});
