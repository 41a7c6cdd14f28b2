/**
 * Shop configuration a product import reads, and the File resource it uploads images through
 * (sr-api-docs `api/language.md`, `api/tax_rate.md`, `api/customer_group.md`, `api/file.md`,
 * `development/api-examples/05_attach_uploaded_image_to_product.md`). README.md "Catalogue".
 */
import { catalogPathId } from '../domain/catalog-ids.js';
import { catalogOf, nextCatalogId } from '../domain/catalog-state.js';
import { ShoprenterError } from '../errors.js';
import {
  HU_LANGUAGE,
  renderCustomerGroup,
  renderLanguage,
  renderTaxRate,
  taxRates,
} from '../views/catalog-views.js';
import { ok, type ApiRoute } from './api-types.js';
import { renderCollection } from './collection.js';
import { FILE_PATH_PATTERN } from './product-catalog-fields.js';
import { assertAllowedParams, notFound, pagingParams } from './query-params.js';
import { assertWritableFields, readWriteBody, toText } from './write-body.js';

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}$/;

export const catalogReferenceRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/languages',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'innerId', 'name', 'code']);
      const { code, name, innerId } = req.query;
      const keep =
        (code === undefined || code === 'hu') &&
        (name === undefined || name === 'Hungarian') &&
        (innerId === undefined || innerId === String(HU_LANGUAGE));
      return ok(
        renderCollection(keep ? [1] : [], 'languages', req.query, ctx.view, () => renderLanguage(ctx.view)),
      );
    },
  },
  {
    method: 'GET',
    path: '/languages/:id',
    handle: (req, [id = ''], ctx) => {
      if (catalogPathId('language', id)[0] !== HU_LANGUAGE) throw notFound(req.path);
      return ok(renderLanguage(ctx.view));
    },
  },
  {
    method: 'GET',
    path: '/taxRates',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'taxClassId']);
      return ok(
        renderCollection(taxRates, 'taxRates', req.query, ctx.view, (r) => renderTaxRate(r, ctx.view)),
      );
    },
  },
  {
    method: 'GET',
    path: '/customerGroups',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'name']);
      const groups = catalogOf(ctx.store.state).customerGroups.filter(
        (g) => req.query.name === undefined || g.name === req.query.name,
      );
      return ok(
        renderCollection(groups, 'customerGroups', req.query, ctx.view, (g) =>
          renderCustomerGroup(g, ctx.view),
        ),
      );
    },
  },
  {
    method: 'GET',
    path: '/customerGroups/:id',
    handle: (req, [id = ''], ctx) => {
      const innerId = catalogPathId('customerGroup', id)[0];
      const group = catalogOf(ctx.store.state).customerGroups.find((g) => g.innerId === innerId);
      if (!group) throw notFound(req.path);
      return ok(renderCustomerGroup(group, ctx.view));
    },
  },
  {
    method: 'POST',
    path: '/customerGroups',
    handle: (req, _p, ctx) => {
      const data = readWriteBody(req.body);
      assertWritableFields(data, ['name', 'percentDiscount', 'percentDiscountSpecialPrices'], ['innerId']);
      if (data.name === undefined) throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: name');
      const catalog = catalogOf(ctx.store.state);
      const group = {
        innerId: nextCatalogId(catalog, 'customerGroup'),
        name: toText('name', data.name),
        percentDiscount: toText('percentDiscount', data.percentDiscount ?? '0'),
        percentDiscountSpecialPrices: toText(
          'percentDiscountSpecialPrices',
          data.percentDiscountSpecialPrices ?? '0',
        ),
      };
      catalog.customerGroups.push(group);
      ctx.store.save();
      return ok(renderCustomerGroup(group, ctx.view), 201);
    },
  },
  {
    // "Create/Modify. If file exists on the path, then it will be replaced." (file data.json)
    method: 'POST',
    path: '/files',
    handle: (req, _p, ctx) => {
      const data = readWriteBody(req.body);
      assertWritableFields(data, ['filePath', 'type', 'attachment'], []);
      const filePath = toText('filePath', data.filePath ?? '');
      const type = toText('type', data.type ?? '');
      const attachment = toText('attachment', data.attachment ?? '');
      if (filePath === '' || attachment === '') {
        throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: filePath, attachment');
      }
      if (!FILE_PATH_PATTERN.test(filePath)) {
        throw new ShoprenterError(
          'WRONG_DATA',
          'Wrong data! filePath may only contain English letters, digits and ()_-',
        );
      }
      if (type !== 'image' && type !== 'download') {
        throw new ShoprenterError('WRONG_DATA', 'Wrong data! type enum value is invalid.');
      }
      if (!BASE64.test(attachment))
        throw new ShoprenterError('WRONG_DATA', 'Wrong data! attachment is not base64.');
      const catalog = catalogOf(ctx.store.state);
      const bytes = Buffer.from(attachment, 'base64').length;
      catalog.files = catalog.files.filter((f) => f.filePath !== filePath);
      catalog.files.push({ filePath, type, bytes });
      ctx.store.save();
      return ok({ filePath, type }, 200);
    },
  },
  {
    method: 'GET',
    path: '/files',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, ['type', 'filePath']);
      const file = catalogOf(ctx.store.state).files.find(
        (f) => f.filePath === req.query.filePath && f.type === req.query.type,
      );
      if (!file) throw notFound(req.path);
      return ok({ filePath: file.filePath, type: file.type });
    },
  },
];
