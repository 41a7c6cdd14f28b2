import { z } from 'zod';
import { journeyStatuses } from '../domain/journey-status.js';

const json = z.unknown();

export const orderDetailSchema = z
  .object({
    connectionId: z.string(),
    externalOrderId: z.string(),
    orderNumber: z.string().nullable(),
    customerEmail: z.string().nullable(),
    status: z.enum(journeyStatuses),
    traceId: z.string().nullable().describe('W3C trace id of the order in the traces backend'),
    fromShop: z
      .object({
        receivedAt: z.iso.datetime(),
        eventType: z.string().nullable(),
        channel: z.string().nullable().describe('webhook or poll'),
        contentType: z.string().nullable(),
        payload: json.describe("The shop's order as received (the connector's JSON of it)"),
      })
      .nullable()
      .describe('What came from the shop (the last event received)'),
    toTarget: z
      .object({
        sentAt: z.iso.datetime().nullable().describe('When the last create went out'),
        documentNumber: z.string(),
        request: json.describe('The request body Koppel sent, credentials removed; null before any create'),
        ledgerState: z.enum(['delivering', 'delivered']),
        ledgerAttempts: z.number().int(),
      })
      .nullable()
      .describe('What Koppel sent to the target (the delivery ledger)'),
    links: z
      .object({
        shopOrder: z.object({ externalOrderId: z.string(), orderNumber: z.string().nullable() }),
        customer: z.object({ customerId: z.string(), displayName: z.string().nullable() }).nullable(),
        debtor: z.object({ debtorId: z.string() }).nullable(),
        document: z.object({ documentId: z.string().nullable(), documentNumber: z.string() }).nullable(),
        traceId: z.string().nullable(),
      })
      .describe('Shop order → customer → debtor → document'),
    attempts: z
      .array(
        z.object({
          stage: z.string(),
          at: z.iso.datetime(),
          outcome: z.string().describe('What the attempt answered: a code, a document, a reason'),
          detail: z.record(z.string(), z.unknown()),
        }),
      )
      .describe(
        'Every attempt that ended in a retry, a wait, a dead letter, a replay or a booking, oldest first',
      ),
    deadLetters: z
      .array(
        z.object({
          id: z.string(),
          stage: z.string(),
          code: z.string(),
          failedAt: z.iso.datetime(),
          replayCount: z.number().int(),
        }),
      )
      .describe('Dead letters of the order (replay them under /dead-letters/{id}/replay)'),
  })
  .describe('One order side by side: what came from the shop and what was sent to the target');
