import { z } from 'zod';

export const checkFindingSchema = z.object({
  subject: z
    .string()
    .describe(
      'The credential or setting checked, e.g. target.credentials.clientSecret or source.settings.shopName; ' +
        '`target` / `source` for the side as a whole, `targetSystem` / `sourceSystem` for a missing connector',
    ),
  ok: z.boolean(),
  message: z.string().describe('What works, or what is wrong and how to fix it'),
});

export const checkResultSchema = z
  .object({
    ok: z.boolean().describe('True when every finding is ok'),
    findings: z.array(checkFindingSchema).describe('Target findings first, then source findings'),
  })
  .describe('The result of trying the connection against the real systems');
