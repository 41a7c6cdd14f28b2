import { z } from 'zod';

/** Seed of company accounts (options or `POST /_control/seed`); prices and stock as decimals. */
export const CompanySeedSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/),
  displayName: z.string().default(''),
  username: z.string().min(1),
  password: z.string().min(1),
  pads: z
    .array(z.object({ id: z.number().int().positive(), name: z.string(), prefix: z.string().min(1) }))
    .min(1),
  priceGroups: z.array(z.object({ id: z.number().int().positive(), name: z.string() })).default([]),
  warehouses: z.array(z.object({ id: z.number().int().positive(), name: z.string() })).default([]),
  products: z
    .array(
      z.object({
        sku: z.string().min(1),
        name: z.string(),
        ean: z.string().default(''),
        unit: z.string().default('db'),
        vatLabel: z.string().default('27%'),
        productGroup: z.string().default(''),
        prices: z.array(z.object({ priceGroupId: z.number().int(), amount: z.number() })).default([]),
        stock: z.array(z.object({ warehouseId: z.number().int(), quantity: z.number() })).default([]),
      }),
    )
    .default([]),
});

export const InnvoiceSeedSchema = z.object({ companies: z.array(CompanySeedSchema).min(1) });
export type InnvoiceSeedInput = z.input<typeof InnvoiceSeedSchema>;
export type InnvoiceSeed = z.output<typeof InnvoiceSeedSchema>;
