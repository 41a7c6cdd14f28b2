/**
 * @koppel/product-sync: the pure half of product sync (issue 11). A connection's settings
 * (`productSettingsSchema`) and the plan of one catalogue page: excluded groups, attribute map,
 * price incl. or excl. VAT, unchanged products skipped by content hash, chunks. The runner that
 * reads sources, sends chunks and records them lives in @koppel/service-kit (`product-sync/`).
 */
export { contentHashOf, priceHashOf } from './content-hash.js';
export {
  chunk,
  isExcluded,
  type LastSent,
  type PlannedProduct,
  type PlanOptions,
  type ProductPlan,
  planProducts,
} from './plan-products.js';
export {
  DEFAULT_PRODUCT_SETTINGS,
  MAX_CHUNK_SIZE,
  type ProductSettings,
  type ProductSettingsInput,
  productSettingsSchema,
} from './product-settings.js';
export { grossOf, mapAttributes, netOf, shapeProduct } from './shape-product.js';
