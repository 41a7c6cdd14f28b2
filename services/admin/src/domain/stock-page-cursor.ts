/**
 * The stock report's page cursor: the last SKU of the page, base64url. Opaque to the caller, so
 * a cursor this API did not hand out (one that does not decode back to itself, is empty, or holds
 * U+0000, which Postgres text cannot) is refused rather than sent to the database as an SKU.
 */
export function encodeStockCursor(sku: string): string {
  return Buffer.from(sku, 'utf8').toString('base64url');
}

/** The SKU the cursor stands for, or undefined when it is not a cursor this API handed out. */
export function decodeStockCursor(cursor: string): string | undefined {
  const sku = Buffer.from(cursor, 'base64url').toString('utf8');
  if (sku === '' || sku.includes('\u0000') || encodeStockCursor(sku) !== cursor) return undefined;
  return sku;
}
