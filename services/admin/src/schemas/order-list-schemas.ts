import { z } from 'zod';
import { journeyStatuses } from '../domain/journey-status.js';
import { momentSchema } from './moment-schema.js';

export const pageLimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(50)
  .describe('Items per page (1–200, default 50)');

export const pageCursorSchema = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('`nextCursor` of the previous page; omit for the first page');

export const orderListQuerySchema = z.strictObject({
  status: z.enum(journeyStatuses).optional().describe('Only orders in this status'),
  from: momentSchema.optional().describe('Received at or after this moment (ISO 8601)'),
  to: momentSchema.optional().describe('Received before this moment (ISO 8601)'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Start of the shop's order id or number, or of the customer's e-mail (case-insensitive)"),
  cursor: pageCursorSchema,
  limit: pageLimitSchema,
});

export const orderListItemSchema = z.object({
  externalOrderId: z.string().describe("The shop's id of the order"),
  orderNumber: z.string().nullable().describe('The order number a person sees in the shop'),
  customerEmail: z.string().nullable(),
  status: z.enum(journeyStatuses),
  stage: z.string().nullable().describe('The last stage that changed the status'),
  reason: z.string().nullable().describe('Why, for skipped, ignored, waiting and dead-lettered orders'),
  receivedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  debtorId: z.string().nullable(),
  documentNumber: z.string().nullable(),
  replays: z.number().int().describe('How often an operator replayed it'),
});

export const orderListSchema = z
  .object({
    items: z.array(orderListItemSchema).describe('Newest first'),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .describe("A page of the connection's orders");
