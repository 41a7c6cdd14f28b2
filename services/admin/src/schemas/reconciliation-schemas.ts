import { z } from 'zod';
import { momentSchema } from './moment-schema.js';

export const reconciliationQuerySchema = z.strictObject({
  from: momentSchema.describe('Start of the period (orders received at or after, ISO 8601)'),
  to: momentSchema.describe('End of the period (orders received before, ISO 8601)'),
});

const differenceSchema = z.object({
  externalOrderId: z.string(),
  orderNumber: z.string().nullable(),
  status: z.string(),
  reason: z.string().nullable(),
  receivedAt: z.iso.datetime(),
});

export const reconciliationSchema = z
  .object({
    connectionId: z.string(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    ordersSeen: z.number().int().describe('Shop orders received in the period'),
    documentsBooked: z.number().int().describe('Of those, booked in the target (the delivery ledger)'),
    truncated: z.boolean().describe('More orders than one report covers: narrow the period'),
    differences: z.object({
      missing: z
        .array(differenceSchema)
        .describe('Neither booked nor left out on purpose: under way or failed'),
      skipped: z.array(differenceSchema).describe('Left out by the connection rules, with the reason'),
      ignored: z.array(differenceSchema).describe('Not an order to book, as the shop said'),
      deadLettered: z.array(differenceSchema).describe('Failed for good; replay under /dead-letters'),
      waiting: z.array(differenceSchema).describe('Waiting for the paused connection to be resumed'),
    }),
    duplicates: z.object({
      foundInTarget: z
        .array(z.object({ externalOrderId: z.string(), documentNumber: z.string(), at: z.iso.datetime() }))
        .describe(
          'The target already had the document when Koppel looked: booked outside Koppel, or an earlier lost answer',
        ),
      sharedDocuments: z
        .array(z.object({ documentNumber: z.string(), externalOrderIds: z.array(z.string()) }))
        .describe('A document number the ledger holds for several orders'),
    }),
  })
  .describe('Shop orders seen against documents booked in a period, with every difference');
