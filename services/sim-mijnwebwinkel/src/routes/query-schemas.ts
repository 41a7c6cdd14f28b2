import { z } from 'zod';

/** Query parameter parsers shared by the API routes (notes 2.1, 2.2). */
export const LANGUAGES = [
  'nl_NL',
  'en_GB',
  'de_DE',
  'fr_FR',
  'es_ES',
  'en_US',
  'pt_PT',
  'it_IT',
  'da_DK',
  'sv_SE',
  'no_NO',
  'tr_TR',
  'pl_PL',
] as const;

export const booleanParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
export const intParam = z
  .string()
  .regex(/^-?\d+$/, 'must be an integer')
  .transform(Number);
/** A real calendar day and time of day (`2025-02-30` or `25:00:00` are not). */
function isCalendarDateTime(value: string): boolean {
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = value.split(/[- :]/).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60
  );
}

/** `format: date` (spec) — checked against the calendar, not only its shape. */
export const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date yyyy-mm-dd')
  .refine(isCalendarDateTime, 'must be a valid date yyyy-mm-dd');
export const dateTimeParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'must be a date-time "yyyy-mm-dd hh:mm:ss"')
  .refine(isCalendarDateTime, 'must be a valid date-time "yyyy-mm-dd hh:mm:ss"');

/** Parameters every call accepts (auth is checked before, by the auth hook). */
export const commonQuerySchema = z.object({
  format: z.enum(['json', 'xml']).default('json'),
  language: z.enum(LANGUAGES).default('nl_NL'),
});

/** `limit` (default 10, max 100) and `offset` (items to skip). */
export const pagingQuerySchema = z.object({
  limit: intParam.pipe(z.number().int().min(1).max(100)).default(10),
  offset: intParam.pipe(z.number().int().min(0)).default(0),
});

/** `ids[]=1&ids[]=2` (or a single value) as a number array. */
export const intArrayParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(intParam));

export const stringArrayParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]));
