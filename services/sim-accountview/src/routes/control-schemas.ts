import { z } from 'zod';
import { toDecimalText } from '../domain/decimal.js';
import { parseDateTime } from '../domain/field-values.js';
import type { FieldValue, Row } from '../domain/model.js';

/** Control API payloads: rows use AccountView's field names (any case), values as on the wire. */
const valueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const rowSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), valueSchema).transform(toRow);
const decimal = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const text = toDecimalText(v);
  if (text === undefined) ctx.addIssue({ code: 'custom', message: 'must be a decimal number' });
  return text ?? '0';
});

function toRow(input: Record<string, string | number | boolean | null>): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(input)) {
    const key = k.toUpperCase();
    const value: FieldValue = typeof v === 'number' ? (toDecimalText(v) ?? null) : v;
    row[key] = typeof value === 'string' && /DATE$/.test(key) ? (parseDateTime(value) ?? value) : value;
  }
  return row;
}

export const rowsBodySchema = z.object({ rows: z.array(rowSchema).min(1) });

export const articleRowSchema = rowSchema.refine(
  (r) => typeof r.ART_CODE === 'string' && r.ART_CODE !== '',
  'ART_CODE is required',
);
export const articlesBodySchema = z.object({ rows: z.array(articleRowSchema).min(1) });

export const vatRowSchema = rowSchema.refine(
  (r) => typeof r.VAT_CODE === 'string' && r.VAT_CODE !== '' && r.VAT_PCT !== undefined,
  'VAT_CODE and VAT_PCT are required',
);
export const vatBodySchema = z.object({ rows: z.array(vatRowSchema).min(1) });

export const stockBodySchema = z.object({
  rows: z
    .array(
      z.object({ artCode: z.string().min(1), warehouse: z.string().min(1).optional(), quantity: decimal }),
    )
    .min(1),
});

export const codeRequestSchema = z.object({
  clientId: z.string().min(1),
  redirectUri: z.string().min(1).optional(),
  scopes: z.array(z.string()).optional(),
});

/** `{ requests, windowMs }` sets the API's own limit; `{}` removes it. */
export const rateLimitBodySchema = z.object({
  requests: z.number().int().min(1).optional(),
  windowMs: z.number().int().min(1).default(1000),
});
