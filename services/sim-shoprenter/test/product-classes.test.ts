/**
 * Product types and list attributes (README.md "Product types and variants"), as sr-api-docs
 * `development/api-examples/08_product_attribute_handling.md` walks through them: a list attribute,
 * its values and their names; a product type grouping it and naming it as a variant parameter
 * (only an attribute the type groups); a product of that type taking a value; the view in
 * `productExtend.productAttributeExtend`; filters, duplicates and wrong identities answering the
 * documented codes; and the same calls inside `/batch`.
 */
import t from 'tap';
import { bearerHeaders, startSimulator } from './helpers/simulator.js';

type Json = Record<string, unknown>;

async function started() {
  const sim = startSimulator();
  const headers = await bearerHeaders(sim);
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await sim.app.inject({
      method,
      url: `/api${url}`,
      headers,
      ...(payload ? { payload: payload as Json } : {}),
    });
    return { status: res.statusCode, body: (res.body === '' ? {} : res.json()) as Json };
  };
  const language = ((await call('GET', '/languages?code=hu&full=1')).body.items as Json[])[0]?.id as string;
  return { sim, call, language };
}

const decoded = (id: unknown) => Buffer.from(String(id), 'base64').toString();

t.test(
  'a list attribute with values, a product type with it as variant parameter, a product taking a value',
  async (t) => {
    const { call, language } = await started();
    const leaves = await call('POST', '/listAttributes', {
      type: 'LIST',
      name: 'shape_of_leaves',
      priority: 'NORMAL',
      sortOrder: '2',
      required: '1',
      presentation: 'TEXT',
    });
    t.equal(leaves.status, 201);
    t.match(leaves.body, {
      type: 'LIST',
      name: 'shape_of_leaves',
      presentation: 'TEXT',
      defaultListAttributeValue: null,
    });
    t.match(decoded(leaves.body.id), /^listAttribute-attribute_id=\d+$/);
    t.equal(
      (await call('POST', '/listAttributes', { type: 'LIST', name: 'shape_of_leaves' })).status,
      409,
      'a name twice',
    );
    t.equal(
      (await call('POST', '/listAttributes', { type: 'LIST', name: 'Bad Name' })).status,
      400,
      'lowercase letters only',
    );

    const round = await call('POST', '/listAttributeValues', { listAttribute: { id: leaves.body.id } });
    t.equal(round.status, 201);
    t.match(decoded(round.body.id), /^listAttributeValue-attribute_id=\d+&value_id=\d+$/);
    const named = await call('POST', '/listAttributeValueDescriptions', {
      name: 'kerek',
      language: { id: language },
      listAttributeValue: { id: round.body.id },
    });
    t.equal(named.status, 201);
    t.match(named.body, { name: 'kerek', listAttributeValue: { href: new RegExp(String(round.body.id)) } });
    const values = await call('GET', `/listAttributeValues?listAttributeId=${leaves.body.id}&full=1`);
    t.same(
      (values.body.items as Json[]).map((v) => v.id),
      [round.body.id],
      'values filtered by listAttributeId',
    );
    const names = await call(
      'GET',
      `/listAttributeValueDescriptions?listAttributeValueId=${round.body.id}&languageId=${language}&full=1`,
    );
    t.same(
      (names.body.items as Json[]).map((d) => d.name),
      ['kerek'],
    );
    t.same(
      ((await call('GET', '/listAttributes?name=shape_of_leaves&full=1')).body.items as Json[]).map(
        (a) => a.id,
      ),
      [leaves.body.id],
      'listAttributes filtered by name',
    );

    const houseplant = await call('POST', '/productClasses', {
      name: 'houseplant',
      description: 'Szobanövény',
    });
    t.equal(houseplant.status, 201);
    t.match(houseplant.body, { firstVariantSelectType: 'SELECT', firstVariantParameter: null });
    const notGrouped = await call('PUT', `/productClasses/${houseplant.body.id}`, {
      firstVariantParameter: { id: leaves.body.id },
    });
    t.equal(notGrouped.status, 400, 'only an attribute the type groups can be a variant parameter');
    const related = await call('POST', '/productClassAttributeRelations', {
      productClass: { id: houseplant.body.id },
      attribute: { id: leaves.body.id },
    });
    t.equal(related.status, 201);
    t.match(
      decoded(related.body.id),
      /^productClassAttributeRelation-attribute_id=\d+&product_class_id=\d+$/,
    );
    const parameter = await call('PUT', `/productClasses/${houseplant.body.id}`, {
      firstVariantParameter: { id: leaves.body.id },
    });
    t.equal(parameter.status, 200);
    t.match(parameter.body, {
      firstVariantParameter: { href: new RegExp(`listAttributes/${leaves.body.id}`) },
    });

    const plant = await call('POST', '/productExtend', {
      sku: 'PLANT-1',
      price: '1000',
      productDescriptions: [{ name: 'Szobanövény 1', language: { id: language } }],
    });
    const relation = { product: { id: plant.body.id }, listAttributeValue: { id: round.body.id } };
    t.equal(
      (await call('POST', '/productListAttributeValueRelations', relation)).status,
      400,
      'a product without the type cannot take its values',
    );
    await call('PUT', `/productExtend/${plant.body.id}`, { productClass: { id: houseplant.body.id } });
    const taken = await call('POST', '/productListAttributeValueRelations', relation);
    t.equal(taken.status, 201);
    t.match(
      decoded(taken.body.id),
      /^productListAttributeValueRelation-attribute_id=\d+&product_id=\d+&value_id=\d+$/,
    );
    t.equal(
      (await call('POST', '/productListAttributeValueRelations', relation)).status,
      409,
      'the same value twice',
    );
    const extend = await call('GET', `/productExtend/${plant.body.id}`);
    t.match(extend.body, {
      productClass: { href: new RegExp(`productClasses/${houseplant.body.id}`) },
      productAttributeExtend: [{ type: 'LIST', name: 'shape_of_leaves', value: [{ value: 'kerek' }] }],
    });
    const listed = await call('GET', `/productListAttributeValueRelations?productId=${plant.body.id}&full=1`);
    t.equal((listed.body.items as Json[]).length, 1, 'relations filtered by productId');
    t.equal((await call('DELETE', `/productListAttributeValueRelations/${taken.body.id}`)).status, 204);
    t.equal((await call('DELETE', `/productListAttributeValueRelations/${taken.body.id}`)).status, 404);
    t.equal(
      (await call('POST', '/listAttributeValues', { listAttribute: { id: houseplant.body.id } })).status,
      400,
      'a wrong identity in data',
    );
  },
);

t.test('the same resources inside /batch', async (t) => {
  const { call } = await started();
  const answer = await call('POST', '/batch', {
    data: {
      requests: [
        { method: 'POST', uri: 'http://x/api/listAttributes', data: { type: 'LIST', name: 'meret' } },
        { method: 'GET', uri: 'http://x/api/listAttributes?name=meret&full=1' },
        { method: 'POST', uri: 'http://x/api/productClasses', data: { name: 'Póló' } },
      ],
    },
  });
  const results = (answer.body.requests as { request: { response: { header: { statusCode: unknown } } }[] })
    .request;
  t.same(
    results.map((r) => Number(r.response.header.statusCode)),
    [201, 200, 201],
  );
});
