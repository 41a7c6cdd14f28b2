import { z } from 'zod';
import { pageCursorSchema, pageLimitSchema } from './order-list-schemas.js';

/** Request and response shapes of `/admin/v1/tenants/{tenantId}/erasure` and `/audit-log`. */
export const erasureBodySchema = z.strictObject({
  email: z
    .string()
    .trim()
    .min(3)
    .max(320)
    .refine((text) => text.includes('@'), { message: 'must be an e-mail address' })
    .describe("The customer's e-mail; matched case-insensitively, as customers are keyed"),
});

export const erasureCountsSchema = z
  .object({
    customers: z.number().int().describe('Customer records deleted'),
    debtorBindings: z.number().int().describe("Links to the customer's debtor in a target deleted"),
    orderSummaries: z.number().int().describe('Customer e-mails cleared from order summaries'),
    orderJourney: z.number().int().describe('Journey rows reduced to ids, codes and document links'),
    deadLetters: z.number().int().describe('Dead letters whose payload was cleared'),
    deliveryLedger: z.number().int().describe('Sent request bodies cleared'),
    busRecords: z.number().int().describe('Embedded-log records of the orders deleted'),
    parkedRecords: z.number().int().describe('Parked (waiting) records of the orders deleted'),
    notificationState: z.number().int().describe('Last notification messages that quoted the e-mail, masked'),
  })
  .describe('Rows erased per table; order ids, statuses and document numbers stay for reconciliation');

export const erasureResultSchema = z
  .object({
    tenantId: z.string(),
    found: z.boolean().describe('False when nothing of this customer was left to erase'),
    message: z.string(),
    erased: erasureCountsSchema,
    orders: z
      .array(z.object({ connectionId: z.string(), externalOrderId: z.string() }))
      .describe("The customer's orders whose personal data was erased"),
    auditEntryId: z.string().describe('The audit log entry recording this erasure'),
  })
  .describe('What an erasure found and erased');

export const auditEntrySchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  action: z.enum(['erasure', 'retention_changed', 'retention_purge']),
  actor: z
    .object({
      keyId: z.string().nullable().describe('The API key id; null for a configured operator key'),
      label: z.string(),
    })
    .describe('Who acted'),
  subjectHash: z
    .string()
    .nullable()
    .describe('For an erasure: sha256 hex of the tenant and normalised e-mail, never the e-mail'),
  details: z.record(z.string(), z.unknown()).describe('Counts and settings of the action'),
  at: z.iso.datetime(),
});

export const auditLogQuerySchema = z.strictObject({ cursor: pageCursorSchema, limit: pageLimitSchema });

export const auditLogSchema = z
  .object({
    items: z.array(auditEntrySchema).describe('Newest first'),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .describe("A page of the tenant's audit log");
