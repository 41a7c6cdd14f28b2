import { z } from 'zod';
import { pageCursorSchema, pageLimitSchema } from './order-list-schemas.js';

export const deadLetterParamsSchema = z.strictObject({
  id: z.string().min(1).max(128),
  deadLetterId: z.string().regex(/^[1-9][0-9]{0,17}$/, 'a dead letter id (digits)'),
});

const codeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'an error code in SCREAMING_SNAKE_CASE, e.g. VALIDATION_FAILED');
const stageSchema = z.string().min(1).max(128);

export const deadLetterListQuerySchema = z.strictObject({
  code: codeSchema.optional().describe('Only dead letters with this error code'),
  stage: stageSchema.optional().describe('Only dead letters of this stage, e.g. mapping, delivery.asperion'),
  state: z
    .enum(['open', 'replayed'])
    .optional()
    .describe('open: never replayed; replayed: replayed at least once'),
  externalOrderId: z.string().min(1).max(256).optional(),
  cursor: pageCursorSchema,
  limit: pageLimitSchema,
});

export const deadLetterSummarySchema = z.object({
  id: z.string(),
  externalOrderId: z.string(),
  stage: z.string().describe('The stage that gave up; a replay goes back to it'),
  code: z.string().describe('Stable error code'),
  reason: z.string().describe('What went wrong, in words'),
  field: z.string().nullable().describe('The setting or input at fault, e.g. target.settings.vatCodes'),
  attempts: z.number().int(),
  failedAt: z.iso.datetime(),
  replayCount: z.number().int(),
  replayedAt: z.iso.datetime().nullable(),
});

export const deadLetterListSchema = z.object({
  items: z.array(deadLetterSummarySchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
});

export const deadLetterSchema = deadLetterSummarySchema
  .extend({
    details: z.record(z.string(), z.unknown()).nullable(),
    sourceTopic: z.string(),
    sourcePartition: z.number().int(),
    sourceOffset: z.string(),
    key: z.string(),
    headers: z.record(z.string(), z.string()),
    payload: z.unknown().describe("The record as JSON (the stage's protobuf message); null when undecodable"),
    payloadBase64: z.string().describe('The original bytes'),
  })
  .describe('One dead letter, with everything a replay sends again');

const confirmedSchema = z
  .boolean()
  .optional()
  .describe(
    'Only for DOCUMENT_OUTCOME_UNKNOWN: you looked in the target and the document is not there; ' +
      'Koppel may send the create again',
  );

export const replayBodySchema = z.strictObject({ confirmedNotInTarget: confirmedSchema }).default({});

export const replayResultSchema = z.object({
  deadLetterId: z.string(),
  externalOrderId: z.string(),
  stage: z.string(),
  topic: z.string().describe('Where the record was published again'),
  clearedDocumentRequest: z.boolean().describe('The ledger forgot the create of unknown outcome'),
});

export const replayAllBodySchema = z
  .strictObject({
    code: codeSchema.optional().describe('Only dead letters with this error code'),
    stage: stageSchema.optional(),
    externalOrderId: z.string().min(1).max(256).optional(),
    confirmedNotInTarget: confirmedSchema,
    limit: z.number().int().min(1).max(500).default(100).describe('At most this many (newest first)'),
  })
  .describe('Replays every open (never replayed) dead letter of the connection matching the filter');

export const replayAllResultSchema = z.object({
  replayed: z.array(replayResultSchema),
  needsConfirmation: z
    .array(z.object({ deadLetterId: z.string(), externalOrderId: z.string(), message: z.string() }))
    .describe('DOCUMENT_OUTCOME_UNKNOWN letters left alone: confirm with confirmedNotInTarget'),
  superseded: z
    .array(z.object({ deadLetterId: z.string(), externalOrderId: z.string() }))
    .describe('Older dead letters of an order whose newest one was replayed (left open)'),
  purged: z
    .array(z.object({ deadLetterId: z.string(), externalOrderId: z.string() }))
    .describe('Emptied by the retention purge: nothing left to replay'),
});
