/**
 * zod schemas of the MplusQapi answers the connector reads (WSDL types, README "Vendor facts").
 * fast-xml-parser leaves every leaf a string; repeated elements arrive as one object or an array.
 * `xsd:long` values stay strings of digits (relation and article numbers can pass 2^53).
 */
import { z } from 'zod';

const asArray = (value: unknown) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
const text = z.union([z.string(), z.number().transform(String)]);
export const xsdLong = z
  .string()
  .trim()
  .regex(/^-?\d+$/, 'not an xsd:long');
export const xsdInt = xsdLong.transform(Number);

/** A repeated element inside its wrapper, e.g. `lineList { line[] }`; absent = empty. */
export const wrapped = <T extends z.ZodType>(inner: string, item: T) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? {} : value),
    z
      .object({ [inner]: z.preprocess(asArray, z.array(item)) })
      .loose()
      .transform((o) => (o[inner] ?? []) as z.infer<T>[]),
  );

export const relationSchema = z
  .object({
    relationNumber: xsdLong,
    name: text.optional(),
    companyName: text.optional(),
    contact: text.optional(),
    address: text.optional(),
    zipcode: text.optional(),
    city: text.optional(),
    country: text.optional(),
    deliveryAddress: text.optional(),
    deliveryZipcode: text.optional(),
    deliveryCity: text.optional(),
    deliveryCountry: text.optional(),
    telephone: text.optional(),
    email: text.optional(),
    vatNumber: text.optional(),
  })
  .loose();
export type MplusRelation = z.infer<typeof relationSchema>;

const resultOnly = z.object({ result: z.string(), errorMessage: text.optional() }).loose();

export const findRelationResponse = resultOnly.extend({ relation: relationSchema.optional() });
export const getRelationResponse = findRelationResponse;
export const createRelationResponse = resultOnly.extend({ relationNumber: xsdLong.optional() });
export const updateRelationResponse = resultOnly;

export const orderSchema = z
  .object({
    orderId: text,
    extOrderId: text.optional(),
    orderString: text.optional(),
    orderNumber: z.object({ year: xsdInt, number: xsdInt }).loose().optional(),
    totalInclAmount: xsdLong.optional(),
    totalExclAmount: xsdLong.optional(),
  })
  .loose();
export const findInvoiceResponse = resultOnly.extend({
  invoice: z.object({ invoiceId: text, extInvoiceId: text.optional() }).loose().optional(),
});
export const saveInvoiceResponse = resultOnly.extend({
  info: z.object({ invoiceId: text, invoiceString: text.optional() }).loose().optional(),
});
export const findOrderResponse = resultOnly.extend({ order: orderSchema.optional() });
export const placeOrderResponse = resultOnly.extend({
  info: z.object({ orderId: text, orderString: text.optional() }).loose().optional(),
});

export const articleSchema = z
  .object({ articleNumber: xsdLong, pluNumber: text.optional(), barcode: text.optional() })
  .loose();
export const getProductsResponse = z
  .object({
    productList: wrapped('product', z.object({ articleList: wrapped('article', articleSchema) }).loose()),
  })
  .loose();

export const apiVersionResponse = z.object({ majorNumber: xsdInt, minorNumber: xsdInt }).loose();

export const vatGroupListResponse = z
  .object({
    vatGroupList: wrapped(
      'vatGroup',
      z.object({ branchNumber: xsdInt, vatCode: xsdInt, vatPercentage: xsdInt }).loose(),
    ),
  })
  .loose();

export const deliveryMethodsResponse = z
  .object({ deliveryMethodList: wrapped('deliveryMethod', z.object({ code: text }).loose()) })
  .loose();

/** getBranches → `branches { branch[] { branchNumber, workplaces { workplace[] } } }` (WSDL `Branch`). */
export const branchesResponse = z
  .object({
    branches: wrapped(
      'branch',
      z
        .object({
          branchNumber: xsdInt,
          workplaces: wrapped('workplace', z.object({ workplaceNumber: xsdInt }).loose()).optional(),
        })
        .loose(),
    ),
  })
  .loose();

/** getEmployee → `{ result GET-EMPLOYEE-RESULT-OK | -NOT-FOUND, employee? }` (WSDL `GetEmployeeResponse`). */
export const employeeResponse = resultOnly;
