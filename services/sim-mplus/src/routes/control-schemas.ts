import { z } from 'zod';

/** JSON payloads of the control API (camelCase, Mplus field names, cents and whole numbers). */
const cents = z.number().int();
const decimalQuantity = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(String);

export const articleSeedSchema = z.object({
  articleNumber: z.number().int().positive({ error: 'articleNumber must be numeric (xsd:long)' }),
  extArticleId: z.string().optional(),
  pluNumber: z.string().optional(),
  barcode: z.string().optional(),
  description: z.string().min(1),
  colour: z.string().optional(),
  size: z.string().optional(),
  active: z.boolean().default(true),
  webshop: z.boolean().default(true),
  stockArticle: z.boolean().default(true),
  vatCode: z.number().int().default(2),
  purchasePrice: cents.optional(),
  price: cents,
  turnoverGroup: z.number().int().min(0).max(999).optional(),
  brandName: z.string().optional(),
  discontinued: z.boolean().default(false),
});

export const productsBodySchema = z.object({
  products: z
    .array(
      z.object({
        productNumber: z.number().int().positive().optional(),
        description: z.string().min(1),
        extraText: z.string().optional(),
        groupNumbers: z.array(z.number().int()).default([]),
        articles: z.array(articleSeedSchema).min(1),
      }),
    )
    .min(1),
});

export const relationsBodySchema = z.object({
  relations: z
    .array(
      z
        .object({ relationNumber: z.number().int().positive().optional(), active: z.boolean().optional() })
        .catchall(z.union([z.string(), z.number()])),
    )
    .min(1),
});

export const stockBodySchema = z.object({
  rows: z
    .array(
      z.object({
        branchNumber: z.number().int().positive(),
        articleNumber: z.number().int().positive(),
        quantity: decimalQuantity,
        mode: z.enum(['set', 'add']).default('set'),
        incoming: decimalQuantity.optional(),
      }),
    )
    .min(1),
});

export const vatGroupsBodySchema = z.object({
  vatGroups: z
    .array(
      z.object({
        branchNumber: z.number().int().positive(),
        vatCode: z.number().int(),
        vatPercentage: z.number().int().min(0).max(100),
        accountNumber: z.string().optional(),
      }),
    )
    .min(1),
});

export const deliveryMethodsBodySchema = z.object({
  deliveryMethods: z.array(z.object({ code: z.string().min(1), description: z.string().min(1) })).min(1),
});

export const branchesBodySchema = z.object({
  branches: z
    .array(
      z.object({
        branchNumber: z.number().int().positive(),
        extBranchId: z.string().optional(),
        name: z.string().min(1),
        countryIso3: z.string().length(3).default('NLD'),
        countryCode: z.string().length(2).default('NL'),
        workplaces: z.array(z.number().int().positive()).default([1]),
      }),
    )
    .min(1),
});

export const employeesBodySchema = z.object({
  employees: z
    .array(z.object({ employeeNumber: z.number().int().positive(), name: z.string().min(1) }))
    .min(1),
});

export const rateLimitBodySchema = z.object({
  requests: z.number().int().positive().optional(),
  windowMs: z.number().int().positive().default(1000),
});
