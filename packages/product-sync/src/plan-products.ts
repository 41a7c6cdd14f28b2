/**
 * Pure planning of one page of a source's catalogue for one connection: products of excluded
 * groups dropped, each shaped for the shop (attribute map, price incl. or excl. VAT), products
 * the shop already has in this form skipped, the rest split into chunks of at most the
 * connection's chunk size and the sink's batch size.
 */
import type { CatalogProduct } from '@koppel/connector-sdk';
import { contentHashOf, priceHashOf } from './content-hash.js';
import type { ProductSettings } from './product-settings.js';
import { shapeProduct } from './shape-product.js';

/** What was last sent of one SKU, as the run's repository remembers it. */
export type LastSent = {
  contentHash: string;
  priceHash: string;
  /** Sent by the run being planned (a resumed run never sends it again). */
  sentInThisRun: boolean;
};

export type PlannedProduct = { product: CatalogProduct; contentHash: string; priceHash: string };

export type PlanOptions = {
  settings: Pick<
    ProductSettings,
    'excludedGroups' | 'attributeMap' | 'pricesIncludeVat' | 'updateProductInfo' | 'chunkSize'
  >;
  /** Last sent state by SKU of the products on this page (absent: never sent). */
  lastSent: ReadonlyMap<string, LastSent>;
  /** A full resync: every product is sent, changed or not (still once per run). */
  full: boolean;
  /** The sink's largest batch. */
  maxBatchSize: number;
};

export type ProductPlan = {
  chunks: PlannedProduct[][];
  /** SKUs of excluded groups. */
  excluded: string[];
  /** SKUs skipped: unchanged since last sent, or already sent by this run. */
  skipped: string[];
};

export function isExcluded(product: CatalogProduct, excludedGroups: readonly string[]): boolean {
  if (product.group === undefined) return false;
  const group = product.group.trim().toLowerCase();
  return excludedGroups.some((excluded) => excluded.trim().toLowerCase() === group);
}

/** Whether the shop already has this product as it would be sent now. */
function isUnchanged(planned: PlannedProduct, last: LastSent | undefined, options: PlanOptions): boolean {
  if (!last) return false;
  if (last.sentInThisRun) return true;
  if (options.full) return false;
  // With product information off, an existing product only takes its price.
  return options.settings.updateProductInfo
    ? last.contentHash === planned.contentHash
    : last.priceHash === planned.priceHash;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

export function planProducts(products: readonly CatalogProduct[], options: PlanOptions): ProductPlan {
  const excluded: string[] = [];
  const skipped: string[] = [];
  const toSend: PlannedProduct[] = [];
  const seen = new Set<string>();
  for (const source of products) {
    if (isExcluded(source, options.settings.excludedGroups)) {
      excluded.push(source.sku);
      continue;
    }
    // A source listing a SKU twice on one page: the first wins, the shop gets it once.
    if (seen.has(source.sku)) continue;
    seen.add(source.sku);
    const product = shapeProduct(source, options.settings);
    const planned = { product, contentHash: contentHashOf(product), priceHash: priceHashOf(product) };
    if (isUnchanged(planned, options.lastSent.get(product.sku), options)) skipped.push(product.sku);
    else toSend.push(planned);
  }
  const size = Math.max(1, Math.min(options.settings.chunkSize, options.maxBatchSize));
  return { chunks: chunk(toSend, size), excluded, skipped };
}
