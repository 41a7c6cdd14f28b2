/**
 * The InnVoice `stockSource` capability (`@koppel/connector-sdk` stock.ts): `GET /{company}/product`
 * with its per-warehouse stock, one chosen warehouse or the sum of several (the pipeline sums the
 * readings). The endpoint has no paging in the public sources, so a full read is one page; it has
 * no change feed, so there is no `readChanges` (README "Stock").
 */
import type { StockSourceCapability } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import type { InnvoiceSession } from '../session.js';
import { toReadings, warehousesToRead } from './decode-stock.js';
import { productListSchema } from './stock-schemas.js';

const source: StockSourceCapability<InnvoiceSession> = {
  async readAll(session, scope, page) {
    if (page !== undefined)
      throw appError('VALIDATION_FAILED', 'InnVoice stock is read in one page; there is no next page', {
        field: 'page',
      });
    const answer = await session.client.get('/product', 'stock read');
    const parsed = productListSchema.safeParse(answer);
    if (!parsed.success)
      throw appError('TARGET_REJECTED', 'InnVoice answered the product list with an unexpected body', {
        details: { issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('/')}: ${i.message}`) },
      });
    const products = parsed.data.response.product;
    const known = warehousesToRead([], products);
    const unknown = scope.warehouses.filter((w) => !known.includes(w.trim()));
    // A mistyped warehouse would read 0 for every article and empty the shop: refuse it instead.
    if (unknown.length > 0 && known.length > 0)
      throw appError(
        'VALIDATION_FAILED',
        `InnVoice reports no stock in warehouse ${unknown.join(', ')}; its warehouses are ${known.join(', ')}`,
        { field: 'stock.warehouses', details: { unknown, known } },
      );
    return { readings: toReadings(products, warehousesToRead(scope.warehouses, products), new Date()) };
  },
};

export const innvoiceStockSource: StockSourceCapability<InnvoiceSession> = Object.freeze(source);
