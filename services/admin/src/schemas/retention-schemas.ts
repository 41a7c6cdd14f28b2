import { z } from 'zod';

/** Request and response shapes of `/admin/v1/tenants/{tenantId}/retention`. */
export const tenantParamsSchema = z.strictObject({
  tenantId: z.string().min(1).max(128).describe('The tenant (as on its connections)'),
});

export const retentionSchema = z
  .object({
    tenantId: z.string(),
    retentionDays: z.number().int().describe('Days payloads and personal data are kept'),
    isDefault: z.boolean().describe('True while the tenant runs on the default (30 days)'),
    updatedAt: z.iso.datetime().nullable().describe('When it was last set; null on the default'),
  })
  .describe(
    "The tenant's retention. Older payloads, journey details, sent request bodies and customer " +
      'e-mails are purged on a schedule; ids, statuses, counters and document numbers stay. The ' +
      'inbox (webhook de-duplication) keeps events for the same period.',
  );

export const putRetentionBodySchema = z.strictObject({
  retentionDays: z.number().int().min(1).max(3650).describe('Days to keep (1–3650)'),
});

export const purgeCountsSchema = z
  .object({
    orderJourney: z.number().int().describe('Journey rows reduced to ids, codes and document links'),
    deadLetters: z.number().int().describe('Dead letters whose payload was cleared (no replay after this)'),
    deliveryLedger: z.number().int().describe('Sent request bodies cleared (document id and number stay)'),
    orderSummaries: z.number().int().describe('Customer e-mails cleared from order summaries'),
    inbox: z.number().int().describe('Published inbox events deleted (de-duplication window ended)'),
    busRecords: z
      .number()
      .int()
      .describe('Embedded-log records deleted; only those every consumer group has committed'),
    productSyncRuns: z
      .number()
      .int()
      .describe("Finished product-sync runs deleted (each connection's newest completed run stays)"),
    authFailures: z.number().int().describe('Expired authentication-failure windows deleted (scheduled run)'),
  })
  .describe(
    'Rows purged per table. Parked records are never purged: each is an order still to be processed.',
  );

export const purgeResultSchema = z
  .object({
    tenantId: z.string(),
    retentionDays: z.number().int(),
    cutoff: z.iso.datetime().describe('Rows older than this were purged'),
    purged: purgeCountsSchema,
    complete: z
      .boolean()
      .describe('False when the run stopped early (its lease was lost); the next run goes on'),
  })
  .describe('What one purge removed');
