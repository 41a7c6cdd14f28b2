import { z } from 'zod';
import { momentSchema } from './moment-schema.js';

export const cursorStateSchema = z
  .object({
    cursor: z.string().describe("The source's own cursor, opaque"),
    description: z
      .string()
      .describe('The cursor as an operator reads it, e.g. "next order number to import: 1042"'),
    nextPollAt: z.iso.datetime(),
    lastPolledAt: z.iso.datetime().nullable(),
    consecutiveFailures: z.number().int(),
    lastError: z.string().nullable(),
    intervalSeconds: z.number().int(),
  })
  .describe('Where polling of the connection stands');

export const cursorResetBodySchema = z
  .union([
    z.strictObject({
      orderNumber: z
        .union([z.string().trim().min(1).max(64), z.number().int().nonnegative()])
        .transform(String)
        .describe('Import from this shop order number on'),
    }),
    z.strictObject({
      since: momentSchema.describe('Import orders from this moment on (ISO 8601)'),
    }),
  ])
  .describe('Where the next poll starts: an order number or a moment');
