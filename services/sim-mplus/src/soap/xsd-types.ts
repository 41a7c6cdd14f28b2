import { z } from 'zod';

/**
 * XSD simple types as they arrive from fast-xml-parser (every leaf a string, empty element ''),
 * validated the way a schema-checking SOAP server would: a non-numeric `articleNumber` (xsd:long,
 * notes §3.2) is a validation fault, not a business result.
 */
const integer = (name: string, min: number, max: number) =>
  z
    .string({ error: `expected ${name}` })
    .trim()
    .regex(/^[+-]?\d+$/, `not a valid ${name}`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, `${name} out of range`);

export const xsdLong = integer('xsd:long', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
export const xsdInt = integer('xsd:int', -2147483648, 2147483647);
export const xsdBoolean = z
  .string({ error: 'expected xsd:boolean' })
  .trim()
  .refine((v) => ['true', 'false', '1', '0'].includes(v), 'not a valid xsd:boolean')
  .transform((v) => v === 'true' || v === '1');
export const xsdString = z.union([z.string(), z.number().transform(String)], {
  error: 'expected xsd:string',
});

const asArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** A repeated element: absent, one or many occurrences. */
export const repeated = <T extends z.ZodType>(item: T) => z.preprocess(asArray, z.array(item));

/** The WSDL's list wrappers, e.g. `lineList { line[] }`, `articleNumbers { articleNumbers[] }`. */
export const wrappedList = <T extends z.ZodType>(inner: string, item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? {} : v),
    z.object({ [inner]: repeated(item) }).transform((o) => (o[inner] ?? []) as z.infer<T>[]),
  );

/** An element that may be empty (`<x/>`) standing for "absent". */
export const optionalElement = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/**
 * A complex element sent empty (`<relation/>`) parses as `''`; when every child is optional
 * (`minOccurs="0"` in the WSDL's Relation, Order, Invoice) it is schema-valid, so it is read as an
 * element without children, leaving the business rules to answer, not a validation fault.
 */
export const emptyAsObject = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? {} : v), schema);

export const soapMplusDate = z.object({ day: xsdInt, mon: xsdInt, year: xsdInt }).refine((d) => {
  const date = new Date(Date.UTC(d.year, d.mon - 1, d.day));
  return date.getUTCFullYear() === d.year && date.getUTCMonth() === d.mon - 1 && date.getUTCDate() === d.day;
}, 'not a valid SoapMplusDate');

export const vatMethodSchema = z.enum(
  ['VAT-METHOD-INCLUSIVE', 'VAT-METHOD-EXCLUSIVE', 'VAT-METHOD-SHIFTED', 'VAT-METHOD-NONE'],
  {
    error: 'not a valid VatMethod',
  },
);

export const soapMplusDateTime = z.object({
  sec: xsdInt,
  min: xsdInt,
  hour: xsdInt,
  day: xsdInt,
  mon: xsdInt,
  year: xsdInt,
  isdst: optionalElement(xsdBoolean),
  timezone: optionalElement(xsdInt),
});
