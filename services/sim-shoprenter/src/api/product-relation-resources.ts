/**
 * Rows hanging off a product (sr-api-docs `api/product_image.md`, `api/product_category_relation.md`,
 * `api/product_special.md`, `api/customer_group_product_price.md`): additional images (POST, GET,
 * DELETE), category relations (POST, GET, DELETE), and the sale prices and customer-group prices
 * that `/productExtend` writes (GET here). README.md "Catalogue".
 */
import { catalogIdParam, catalogPathId, linkedId } from '../domain/catalog-ids.js';
import { catalogOf, nextCatalogId } from '../domain/catalog-state.js';
import { ShoprenterError } from '../errors.js';
import {
  renderCustomerGroupProductPrice,
  renderProductCategoryRelation,
  renderProductImage,
  renderProductSpecial,
} from '../views/catalog-views.js';
import { type ApiContext, type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import { FILE_PATH_PATTERN } from './product-catalog-fields.js';
import { assertAllowedParams, notFound, pagingParams } from './query-params.js';
import { assertWritableFields, readWriteBody, toInt, toText } from './write-body.js';

function existingProduct(ctx: ApiContext, value: unknown): number {
  const id = linkedId('product', 'product', value);
  if (!ctx.store.state.products.some((p) => p.innerId === id)) {
    throw new ShoprenterError(
      'WRONG_RESOURCE_IDENTITY_IN_DATA',
      'Resource identity is wrong in data: product',
    );
  }
  return id;
}

export const productRelationRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/productImages',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'productId', 'imagePath']);
      const productId = catalogIdParam(req.query, 'productId', 'product');
      const rows = catalogOf(ctx.store.state).productImages.filter(
        (i) =>
          (productId === undefined || i.productInnerId === productId) &&
          (req.query.imagePath === undefined || i.imagePath === req.query.imagePath),
      );
      return ok(
        renderCollection(rows, 'productImages', req.query, ctx.view, (i) => renderProductImage(i, ctx.view)),
      );
    },
  },
  {
    method: 'POST',
    path: '/productImages',
    handle: (req, _p, ctx) => {
      const data = readWriteBody(req.body);
      assertWritableFields(data, ['imagePath', 'imageAlt', 'sortOrder', 'product'], []);
      if (data.imagePath === undefined || data.product === undefined) {
        throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: imagePath, product');
      }
      const imagePath = toText('imagePath', data.imagePath);
      if (!FILE_PATH_PATTERN.test(imagePath))
        throw new ShoprenterError('WRONG_DATA', 'Wrong data! imagePath is not a valid path.');
      const catalog = catalogOf(ctx.store.state);
      const image = {
        innerId: nextCatalogId(catalog, 'productImage'),
        productInnerId: existingProduct(ctx, data.product),
        imagePath,
        imageAlt: data.imageAlt === undefined ? '' : toText('imageAlt', data.imageAlt),
        sortOrder: data.sortOrder === undefined ? 0 : toInt('sortOrder', data.sortOrder),
      };
      catalog.productImages.push(image);
      ctx.store.save();
      return ok(renderProductImage(image, ctx.view), 201);
    },
  },
  {
    method: 'DELETE',
    path: '/productImages/:id',
    handle: (req, [id = ''], ctx) => {
      const innerId = catalogPathId('productImage', id)[0];
      const catalog = catalogOf(ctx.store.state);
      if (!catalog.productImages.some((i) => i.innerId === innerId)) throw notFound(req.path);
      catalog.productImages = catalog.productImages.filter((i) => i.innerId !== innerId);
      ctx.store.save();
      return { status: 204, body: undefined };
    },
  },
  {
    method: 'GET',
    path: '/productCategoryRelations',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'productId', 'categoryId']);
      const productId = catalogIdParam(req.query, 'productId', 'product');
      const categoryId = catalogIdParam(req.query, 'categoryId', 'category');
      const rows = catalogOf(ctx.store.state).productCategoryRelations.filter(
        (r) =>
          (productId === undefined || r.productInnerId === productId) &&
          (categoryId === undefined || r.categoryInnerId === categoryId),
      );
      return ok(
        renderCollection(rows, 'productCategoryRelations', req.query, ctx.view, (r) =>
          renderProductCategoryRelation(r, ctx.view),
        ),
      );
    },
  },
  {
    method: 'POST',
    path: '/productCategoryRelations',
    handle: (req, _p, ctx) => {
      const data = readWriteBody(req.body);
      assertWritableFields(data, ['product', 'category'], []);
      const catalog = catalogOf(ctx.store.state);
      const productInnerId = existingProduct(ctx, data.product);
      const categoryInnerId = linkedId('category', 'category', data.category);
      if (!catalog.categories.some((c) => c.innerId === categoryInnerId)) {
        throw new ShoprenterError(
          'WRONG_RESOURCE_IDENTITY_IN_DATA',
          'Resource identity is wrong in data: category',
        );
      }
      const row = { productInnerId, categoryInnerId };
      if (
        catalog.productCategoryRelations.some(
          (r) => r.productInnerId === productInnerId && r.categoryInnerId === categoryInnerId,
        )
      ) {
        throw new ShoprenterError('RESOURCE_EXISTS', 'Resource exists!');
      }
      catalog.productCategoryRelations.push(row);
      ctx.store.save();
      return ok(renderProductCategoryRelation(row, ctx.view), 201);
    },
  },
  {
    method: 'DELETE',
    path: '/productCategoryRelations/:id',
    handle: (req, [id = ''], ctx) => {
      const [productInnerId, categoryInnerId] = catalogPathId('productCategory', id);
      const catalog = catalogOf(ctx.store.state);
      const keep = (r: { productInnerId: number; categoryInnerId: number }) =>
        !(r.productInnerId === productInnerId && r.categoryInnerId === categoryInnerId);
      if (catalog.productCategoryRelations.every(keep)) throw notFound(req.path);
      catalog.productCategoryRelations = catalog.productCategoryRelations.filter(keep);
      ctx.store.save();
      return { status: 204, body: undefined };
    },
  },
  {
    method: 'GET',
    path: '/productSpecials',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'productId']);
      const productId = catalogIdParam(req.query, 'productId', 'product');
      const rows = catalogOf(ctx.store.state).productSpecials.filter(
        (r) => productId === undefined || r.productInnerId === productId,
      );
      return ok(
        renderCollection(rows, 'productSpecials', req.query, ctx.view, (r) =>
          renderProductSpecial(r, ctx.view),
        ),
      );
    },
  },
  {
    method: 'GET',
    path: '/customerGroupProductPrices',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'productId', 'customerGroupId']);
      const productId = catalogIdParam(req.query, 'productId', 'product');
      const groupId = catalogIdParam(req.query, 'customerGroupId', 'customerGroup');
      const rows = catalogOf(ctx.store.state).customerGroupProductPrices.filter(
        (r) =>
          (productId === undefined || r.productInnerId === productId) &&
          (groupId === undefined || r.customerGroupInnerId === groupId),
      );
      return ok(
        renderCollection(rows, 'customerGroupProductPrices', req.query, ctx.view, (r) =>
          renderCustomerGroupProductPrice(r, ctx.view),
        ),
      );
    },
  },
];
