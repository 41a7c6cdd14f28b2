import { stockSettingsSchema } from '@koppel/stock-sync';
import { z } from 'zod';

/**
 * Shapes of the stock routes (`/admin/v1/connections/{id}/stock...`); the OpenAPI document is
 * generated from these. Stock settings in a request body are checked against
 * `stockSettingsSchema` of @koppel/stock-sync in the route, so a refusal is a 422 naming the field
 * (`body.stock.calculation`), as connector settings are.
 */
export const stockSettingsBodySchema = z
  .strictObject({
    stock: z
      .record(z.string(), z.unknown())
      .describe(
        'The stock settings (StockSettings): enabled, calculation (available | on-hand), matchKey ' +
          '(sku | ean), warehouses, changeIntervalSeconds, fullResyncMinutes, managesStock, ' +
          'inFlightHoldMinutes; missing fields take their defaults.',
      )
      .meta({ examples: [{ enabled: true, calculation: 'available', matchKey: 'sku', warehouses: ['1'] }] }),
  })
  .describe("A connection's stock settings, replacing the stored ones");

export const stockSettingsViewSchema = z
  .object({ connectionId: z.string(), stock: stockSettingsSchema })
  .describe("A connection's stock settings as they apply (defaults filled in)");

const stockReaderStateSchema = z
  .object({
    nextReadAt: z.iso.datetime(),
    nextFullResyncAt: z.iso.datetime(),
    resyncRequestedAt: z.iso.datetime().nullable().describe("An operator's resync not done yet"),
    lastReadAt: z.iso.datetime().nullable(),
    lastFullResyncAt: z.iso.datetime().nullable(),
    consecutiveFailures: z.number().int(),
    lastError: z.string().nullable(),
  })
  .describe('Where reading the books/POS stands; null until the reader first saw the connection');

export const stockResyncSchema = z
  .object({ connectionId: z.string(), reader: stockReaderStateSchema })
  .describe('The resync is asked for: the next read sends every article');

export const stockStatusSchema = z.enum(['pending', 'updated', 'unknown-article']);

export const stockReportQuerySchema = z.strictObject({
  status: stockStatusSchema.optional().describe('Only articles in this status'),
  cursor: z.string().max(1024).optional().describe('`nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Articles per page'),
});

export const stockReportSchema = z
  .object({
    connectionId: z.string(),
    enabled: z.boolean(),
    reader: stockReaderStateSchema.nullable(),
    counts: z.object({
      pending: z.number().int(),
      updated: z.number().int(),
      'unknown-article': z.number().int(),
    }),
    articles: z.array(
      z.object({
        sku: z.string(),
        ean: z.string(),
        status: stockStatusSchema.describe(
          'updated: the shop has it; pending: waiting to be pushed (or retrying); unknown-article: the shop has no such article (not retried)',
        ),
        available: z.number().int().describe('The books/POS figure, orders in flight not taken off'),
        quantity: z.number().int().nullable().describe('What the shop was last set to'),
        sourceTime: z.iso.datetime().describe('When the books/POS measured the figure'),
        appliedAt: z.iso.datetime(),
        pushedAt: z.iso.datetime().nullable(),
        unknownAt: z.iso.datetime().nullable().describe('When the shop said it does not know the article'),
        attempts: z.number().int().describe('Failed pushes of the current figure'),
        lastError: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
  })
  .describe('The stock report: per article what Koppel sent to the shop, by SKU');
