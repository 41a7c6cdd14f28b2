/**
 * What the target reads of the API's answers (spec `Customer`, `Order`, `Article`,
 * `OrderStatus`), validated with zod; extra fields pass.
 * https://myonlinestore.github.io/public-api-docs/
 */
import { z } from 'zod';

export const customerSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});
export type MijnwebwinkelCustomer = z.output<typeof customerSchema>;
/** `GET /customers?q=` answers `{customers: Customer[]}`. */
export const customerListSchema = z.object({ customers: z.array(customerSchema) });
/** `POST /customers` answers `{customer: Customer}`. */
export const customerEnvelopeSchema = z.object({ customer: customerSchema });

/** An order as the look-up reads it: its number, uuid and internal comment. */
export const listedShopOrderSchema = z.object({
  number: z.union([z.number().int(), z.string()]).transform(String),
  uuid: z.string(),
  comments: z
    .object({ internal: z.string().nullish() })
    .nullish()
    .transform((value) => value?.internal ?? ''),
});
export type ListedShopOrder = z.output<typeof listedShopOrderSchema>;

export const articleRefSchema = z.object({
  id: z.number().int(),
  sku: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
});

export const orderStatusesSchema = z.array(
  z.object({ status: z.number().int(), description: z.string().nullish() }),
);
