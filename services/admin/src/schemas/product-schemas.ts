import { PROBLEM_CONTENT_TYPE } from '@koppel/errors';
import { productSettingsSchema } from '@koppel/product-sync';
import { z } from 'zod';
import { problemSchema } from './problem-schemas.js';

/** A connection's product settings as stored (every default filled in). */
export const productSettingsViewSchema = productSettingsSchema;

/**
 * PUT body: any JSON object here; the handler parses it with `productSettingsSchema` so a wrong
 * value answers 422 naming the field (e.g. `body.chunkSize`), as connector settings do.
 */
export const productSettingsBodySchema = z
  .looseObject({})
  .describe('Product settings (see ProductSettings in the GET answer); omitted fields take their defaults');

export const productSyncRequestSchema = z
  .strictObject({
    full: z
      .boolean()
      .default(false)
      .describe('Send every product, changed or not (a full resync); otherwise only changed products'),
  })
  .describe('A product sync to run now');

export const productScheduleSchema = z
  .object({
    nextRunAt: z.iso.datetime(),
    runRequested: z.boolean(),
    fullRequested: z.boolean(),
    running: z.boolean().describe('A runner holds the connection now'),
    consecutiveFailures: z.number().int(),
    lastError: z.string().nullable(),
    intervalSeconds: z.number().int(),
    lastSuccessStartedAt: z.iso.datetime().nullable(),
  })
  .describe("The connection's product sync schedule");

export const productRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'completed', 'abandoned']),
    trigger: z.enum(['schedule', 'manual']),
    full: z.boolean(),
    changedSince: z.iso.datetime().nullable().describe('Products changed since this moment were read'),
    position: z
      .object({
        sourcePage: z.string().nullable().describe("The source's page being worked on (null: the first)"),
        chunkIndex: z.number().int().describe('Chunks of that page already sent'),
      })
      .describe('Where a resumed run continues'),
    pagesDone: z.number().int(),
    chunksSent: z.number().int(),
    productsSent: z.number().int(),
    productsRefused: z.number().int(),
    productsSkipped: z.number().int().describe('Unchanged since last sent'),
    productsExcluded: z.number().int().describe('In an excluded product group'),
    attempts: z.number().int().describe('More than 1: the run was resumed'),
    lastError: z.string().nullable(),
    startedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .describe('One product sync run and its progress');

export const productRunsSchema = z.object({
  schedule: productScheduleSchema.nullable(),
  runs: z.array(productRunSchema).describe('Newest first'),
  next: z.string().nullable().describe('Pass as `before` for older runs; null: no more'),
});

export const productRunsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .describe('Runs older than this run id'),
});

export const productItemSchema = z
  .object({
    sku: z.string(),
    outcome: z.string().describe('created, updated, price-and-stock-only or refused'),
    shopProductId: z.string().nullable(),
    reason: z.string().nullable().describe('Why the shop refused it'),
    runId: z.string().nullable(),
    sentAt: z.iso.datetime(),
  })
  .describe('What Koppel last sent of one SKU and what the shop made of it');

export const productItemsSchema = z.object({
  items: z.array(productItemSchema).describe('In SKU order'),
  next: z.string().nullable().describe('Pass as `after` for the next page; null: no more'),
});

export const productItemsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().min(1).max(200).optional().describe('SKUs after this one'),
});

/** 409: product sync is off for the connection. */
export const productConflictResponse = {
  409: {
    description: 'Product sync is off for the connection; `field` names it',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
  },
} as const;
