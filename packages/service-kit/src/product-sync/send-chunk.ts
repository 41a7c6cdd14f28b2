import type { ProductSinkCapability, ProductUpsertResult } from '@koppel/connector-sdk';
import type { SentProduct } from '@koppel/db';
import type { PlannedProduct, ProductSettings } from '@koppel/product-sync';

/**
 * Sends one chunk to the shop and pairs each product with the shop's answer. A product the shop
 * answered nothing for is recorded as refused (with that reason), so it is visible and sent again
 * only when it changes or on a full resync. The upsert is idempotent by the match key (a second
 * call updates what the first created), which is what makes resending an interrupted chunk safe.
 */
export async function sendChunk(
  sink: ProductSinkCapability<unknown>,
  session: unknown,
  chunk: readonly PlannedProduct[],
  settings: Pick<ProductSettings, 'matchKey' | 'updateProductInfo'>,
): Promise<SentProduct[]> {
  const results = await sink.upsert(
    session,
    chunk.map((planned) => planned.product),
    { matchKey: settings.matchKey, updateProductInfo: settings.updateProductInfo },
  );
  const bySku = new Map<string, ProductUpsertResult>(results.map((result) => [result.sku, result]));
  return chunk.map(({ product, contentHash, priceHash }) => {
    const result = bySku.get(product.sku);
    return {
      sku: product.sku,
      contentHash,
      priceHash,
      outcome: result?.outcome ?? 'refused',
      shopProductId: result?.shopProductId,
      reason: result ? result.reason : 'the shop answered nothing for this product',
    };
  });
}
