import { z } from 'zod';
import { journeyStatuses } from '../domain/journey-status.js';

export const journeyParamsSchema = z.strictObject({
  id: z.string().min(1).max(128),
  externalOrderId: z.string().min(1).max(256),
});

export const journeySchema = z
  .object({
    connectionId: z.string(),
    externalOrderId: z.string(),
    status: z.enum(journeyStatuses).describe('The state after the last meaningful stage'),
    stages: z
      .array(
        z.object({
          stage: z.string().describe('received, mapped, skipped, delivered, failed, ...'),
          at: z.iso.datetime(),
          detail: z.record(z.string(), z.unknown()),
        }),
      )
      .describe('Every step, oldest first'),
  })
  .describe('The journey of one order');

export type JourneyView = z.input<typeof journeySchema>;
