import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseDecimal } from '../domain/amounts.js';
import type { Product } from '../domain/model.js';
import type { SimulatorControl } from './control-routes.js';

/**
 * `POST /_control/companies/{company}/products`: creates or replaces products by `sku` (what a
 * user does in InnVoice's UI; no API call for it is known), as the seed's product shape: prices
 * and stock as decimals. Answers the stored products; 400 `{error, issues}` on bad input.
 */
const decimal = (places: number) =>
  z.number().transform((value, ctx) => {
    const minor = parseDecimal(String(value), places);
    if (minor === undefined) ctx.addIssue({ code: 'custom', message: `at most ${places} decimals` });
    return minor ?? 0;
  });

const ProductsBodySchema = z.object({
  products: z
    .array(
      z.object({
        sku: z.string().min(1),
        name: z.string().min(1),
        ean: z.string().default(''),
        unit: z.string().default('db'),
        vatLabel: z.string().default('27%'),
        productGroup: z.string().default(''),
        prices: z.array(z.object({ priceGroupId: z.number().int(), amount: decimal(2) })).default([]),
        stock: z.array(z.object({ warehouseId: z.number().int(), quantity: decimal(3) })).default([]),
      }),
    )
    .min(1),
});

export async function productControlRoutes(app: FastifyInstance, options: { control: SimulatorControl }) {
  app.post<{ Params: { company: string } }>('/companies/:company/products', async (request, reply) => {
    const company = options.control.getState().companies.find((c) => c.name === request.params.company);
    if (!company) return reply.code(404).send({ error: `company ${request.params.company} not found` });
    const parsed = ProductsBodySchema.safeParse(request.body ?? {});
    if (!parsed.success)
      return reply.code(400).send({ error: 'invalid control request', issues: parsed.error.issues });
    const stored: Product[] = parsed.data.products.map((input) => {
      const product: Product = { ...input };
      const index = company.products.findIndex((p) => p.sku === product.sku);
      if (index >= 0) company.products[index] = product;
      else company.products.push(product);
      return product;
    });
    return reply.code(201).send({ products: stored });
  });
}
