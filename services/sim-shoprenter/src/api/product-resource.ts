import { nextId, type StoredProduct } from '../domain/state.js';
import { ShoprenterError } from '../errors.js';
import type { JsonObject, ViewContext } from '../views/view-context.js';
import { renderProduct, renderProductExtend } from '../views/product-view.js';
import { type ApiContext, type ApiRequest, type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import { dropProductValues } from '../domain/attribute-state.js';
import { dropProductRelations } from '../domain/catalog-state.js';
import { commitExtendRelations, planExtendRelations } from './product-extend-relations.js';
import { applyProductWrite } from './product-writes.js';
import {
  assertAllowedParams,
  dateParam,
  intParam,
  notFound,
  pagingParams,
  pathId,
  type Query,
} from './query-params.js';
import { readWriteBody } from './write-body.js';

const productFilters = [...pagingParams, 'innerId', 'sku', 'createdAt', 'updatedAt', 'parentProductId'];
const extendFilters = [
  ...productFilters,
  'createdAfter',
  'createdBefore',
  'updatedAfter',
  'updatedBefore',
  'published',
];

function filterProducts(
  products: readonly StoredProduct[],
  query: Query,
  allowed: string[],
): StoredProduct[] {
  assertAllowedParams(query, allowed);
  const innerId = intParam(query, 'innerId');
  const createdAt = dateParam(query, 'createdAt');
  const updatedAt = dateParam(query, 'updatedAt');
  const published = intParam(query, 'published');
  const parentProductId = intParam(query, 'parentProductId');
  return products
    .filter(
      (p) =>
        (innerId === undefined || p.innerId === innerId) &&
        (query.sku === undefined || p.sku === query.sku) &&
        (createdAt === undefined || p.dateCreated.startsWith(createdAt)) &&
        (updatedAt === undefined || p.dateUpdated.startsWith(updatedAt)) &&
        (published === undefined || p.status === published) &&
        // parentProductId: the parent's innerId (sr-api-docs product data.json).
        (parentProductId === undefined || p.catalog?.parentInnerId === parentProductId),
    )
    .sort((a, b) => a.innerId - b.innerId);
}

function byId(ctx: ApiContext, id: string, path: string): StoredProduct {
  const innerId = pathId('product', id);
  const product = ctx.store.state.products.find((p) => p.innerId === innerId);
  if (!product) throw notFound(path);
  return product;
}

/** productExtend writes may name the product by `?sku=` (404/40033 when unknown), README.md. */
function bySku(ctx: ApiContext, query: Query): StoredProduct {
  assertAllowedParams(query, ['sku']);
  const sku = query.sku;
  if (sku === undefined)
    throw new ShoprenterError('RESOURCE_IDENTITY_MISSING', 'Resource identity is missing!');
  const product = ctx.store.state.products.find((p) => p.sku === sku);
  if (!product) throw new ShoprenterError('PRODUCT_SKU_NOT_FOUND', `Product not found with sku: ${sku}`);
  return product;
}

/** Validates on a copy so a rejected write changes nothing; products always answer the full body. */
function update(product: StoredProduct, req: ApiRequest, ctx: ApiContext, extend: boolean): JsonObject {
  const data = { ...readWriteBody(req.body) };
  const plan = extend ? planExtendRelations(ctx.store.state, data) : {};
  const draft = structuredClone(product);
  applyProductWrite(ctx.store.state, draft, data);
  Object.assign(product, draft, { dateUpdated: ctx.now() });
  commitExtendRelations(ctx.store.state, product, plan, 'replace');
  ctx.store.save();
  return extend
    ? renderProductExtend(product, ctx.view, ctx.store.state.catalog, ctx.store.state.attributes)
    : renderProduct(product, ctx.view);
}

function create(req: ApiRequest, ctx: ApiContext, extend = false): JsonObject {
  const data = { ...readWriteBody(req.body) };
  if (data.sku === undefined) throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: sku');
  // productExtend requires its descriptions on create (`**` in its data.json).
  if (extend && data.productDescriptions === undefined)
    throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: productDescriptions');
  const plan = extend ? planExtendRelations(ctx.store.state, data) : {};
  const now = ctx.now();
  const product: StoredProduct = {
    innerId: 0,
    sku: '',
    name: '',
    shortDescription: '',
    description: '',
    modelNumber: '',
    gtin: '',
    price: '0.0000',
    cost: '0.0000',
    taxRate: '27.0000',
    stock1: 0,
    stock2: 0,
    stock3: 0,
    stock4: 0,
    subtractStock: true,
    status: 1,
    orderable: 1,
    quantity: '0.0000',
    sortOrder: 0,
    width: '0.00',
    height: '0.00',
    length: '0.00',
    weight: '0.00',
    dateCreated: now,
    dateUpdated: now,
    catalog: { parentInnerId: null, mainPicture: '', parameters: '', hasDescription: false },
  };
  applyProductWrite(ctx.store.state, product, data);
  product.innerId = nextId(ctx.store.state, 'product');
  ctx.store.state.products.push(product);
  commitExtendRelations(ctx.store.state, product, plan, 'append');
  ctx.store.save();
  return extend
    ? renderProductExtend(product, ctx.view, ctx.store.state.catalog, ctx.store.state.attributes)
    : renderProduct(product, ctx.view);
}

const collection = (resource: 'products' | 'productExtend', allowed: string[]): ApiRoute => ({
  method: 'GET',
  path: `/${resource}`,
  handle: (req, _p, ctx) => {
    const catalog = ctx.store.state.catalog;
    const render = (p: StoredProduct, view: ViewContext) =>
      resource === 'products'
        ? renderProduct(p, view)
        : renderProductExtend(p, view, catalog, ctx.store.state.attributes);
    const items = filterProducts(ctx.store.state.products, req.query, allowed);
    return ok(renderCollection(items, resource, req.query, ctx.view, (p) => render(p, ctx.view)));
  },
});

/** `/products` (CRUD) and `/productExtend`; PUT and POST on an id both update (C# client uses POST). */
export const productRoutes: ApiRoute[] = [
  collection('products', productFilters),
  {
    method: 'GET',
    path: '/products/:id',
    handle: (req, [id = ''], ctx) => ok(renderProduct(byId(ctx, id, req.path), ctx.view)),
  },
  { method: 'POST', path: '/products', handle: (req, _p, ctx) => ok(create(req, ctx), 201) },
  ...(['PUT', 'POST'] as const).map(
    (method): ApiRoute => ({
      method,
      path: '/products/:id',
      handle: (req, [id = ''], ctx) => ok(update(byId(ctx, id, req.path), req, ctx, false)),
    }),
  ),
  {
    method: 'DELETE',
    path: '/products/:id',
    handle: (req, [id = ''], ctx) => {
      const product = byId(ctx, id, req.path);
      ctx.store.state.products = ctx.store.state.products.filter((p) => p !== product);
      dropProductRelations(ctx.store.state, product.innerId);
      dropProductValues(ctx.store.state, product.innerId);
      ctx.store.save();
      return { status: 204, body: undefined };
    },
  },
  collection('productExtend', extendFilters),
  {
    method: 'GET',
    path: '/productExtend/:id',
    handle: (req, [id = ''], ctx) =>
      ok(
        renderProductExtend(
          byId(ctx, id, req.path),
          ctx.view,
          ctx.store.state.catalog,
          ctx.store.state.attributes,
        ),
      ),
  },
  ...(['PUT', 'POST'] as const).flatMap((method): ApiRoute[] => [
    {
      method,
      path: '/productExtend/:id',
      handle: (req, [id = ''], ctx) => ok(update(byId(ctx, id, req.path), req, ctx, true)),
    },
    {
      method,
      path: '/productExtend',
      // POST without `?sku=` creates (api-examples 05: POST /productExtend); with it, updates that product.
      handle: (req, _p, ctx) =>
        method === 'POST' && req.query.sku === undefined
          ? ok(create({ ...req, query: {} }, ctx, true), 201)
          : ok(update(bySku(ctx, req.query), req, ctx, true)),
    },
  ]),
];
