/**
 * The shapes the stock sink reads from Shoprenter: the `/batch` answer (always HTTP 200, each
 * sub-request with its own `statusCode`, a string or a number in the docs) and a `/products`
 * collection page (items are `{href}` links unless `full=1`).
 * https://doc.shoprenter.hu/development/api/04_batch.html
 * https://doc.shoprenter.hu/development/api/03_full_parameter.html
 */
import { z } from 'zod';

const subResponseSchema = z.object({
  method: z.string().optional(),
  uri: z.string().optional(),
  response: z.object({
    header: z.object({ statusCode: z.coerce.number().int() }),
    body: z.unknown().optional(),
  }),
});

/** A single sub-request may come back as an object rather than a one-element list. */
export const batchAnswerSchema = z.object({
  requests: z.object({
    request: z.union([z.array(subResponseSchema), subResponseSchema.transform((one) => [one])]),
  }),
});

export type BatchSubResponse = z.output<typeof subResponseSchema>;

/** Empty scalars arrive as `{}` or null in Shoprenter answers (README.md); read them as ''. */
const text = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string());

export const productItemSchema = z.object({
  href: z.string().min(1),
  id: z.string().optional(),
  sku: text.optional(),
  gtin: text.optional(),
});

export const productPageSchema = z.object({
  items: z.array(productItemSchema).default([]),
  next: z.unknown().optional(),
});

export type ProductItem = z.output<typeof productItemSchema>;

/** The product's resource id: the `id` field, else the last segment of its `href`. */
export function productIdOf(item: ProductItem): string {
  if (item.id) return item.id;
  const path = new URL(item.href, 'http://shoprenter.invalid').pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}
