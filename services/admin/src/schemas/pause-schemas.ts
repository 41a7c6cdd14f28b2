import { z } from 'zod';

export const pauseStateSchema = z
  .object({
    connectionId: z.string(),
    paused: z.boolean(),
    pausedSince: z.iso.datetime().nullable(),
    waitingDeliveries: z
      .number()
      .int()
      .describe('Deliveries parked by the pause (right after a resume: those being booked now)'),
    woken: z.number().int().optional().describe('On resume: parked deliveries made due now'),
  })
  .describe('Whether the connection books orders; while paused they are accepted and wait');
