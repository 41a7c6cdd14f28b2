/**
 * zod schemas of the answers the product sink reads (`Accept: application/json`): scalars are
 * strings, empty ones `{}` or null, links `{"href"}` (README.md). Only the fields used are named.
 * https://doc.shoprenter.hu/api/category_extend.html, https://doc.shoprenter.hu/api/language.html,
 * https://doc.shoprenter.hu/api/tax_rate.html, https://doc.shoprenter.hu/api/customer_group.html
 */
import { z } from 'zod';

const text = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string());
const link = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && 'href' in value ? value : undefined),
  z.object({ href: z.string() }).optional(),
);

/** The resource id at the end of a link (followed, never built: Shoprenter's FAQ). */
export function idOfHref(href: string): string {
  const path = new URL(href, 'http://shoprenter.invalid').pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item).default([]), next: z.unknown().optional() });

export const categoryExtendSchema = z.object({
  id: z.string().min(1),
  parentCategory: link,
  categoryDescriptions: z
    .array(z.object({ name: text, language: link }))
    .or(z.unknown().transform(() => []))
    .default([]),
});
export const languageSchema = z.object({ id: z.string().min(1), code: text });
export const taxRateSchema = z.object({ rate: text, taxClass: link });
export const customerGroupSchema = z.object({ id: z.string().min(1), name: text });
export const writtenSchema = z.object({ id: z.string().min(1) });
export const productImageSchema = z.object({ id: z.string().min(1), imagePath: text });
/** Error bodies are undocumented beyond `message` (README.md "Errors"). */
export const errorBodySchema = z.object({ message: text.optional(), error: z.unknown().optional() });
