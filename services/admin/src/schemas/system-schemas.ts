import { z } from 'zod';

const jsonSchemaSchema = (what: string) =>
  z.record(z.string(), z.unknown()).describe(`JSON Schema (draft 2020-12) of the ${what}`);

const schemas = {
  settingsSchema: jsonSchemaSchema('settings (`settings` / `sourceSettings` of a connection)'),
  credentialsSchema: jsonSchemaSchema('credentials (write-only: `credentials` / `sourceCredentials`)'),
};

export const sourceSystemSchema = z
  .object({
    system: z.string().describe('The value of `sourceSystem`'),
    displayName: z.string(),
    capabilities: z.object({
      webhook: z
        .object({
          authentication: z.enum(['url-secret', 'standard-webhooks']),
          acceptedContentTypes: z.array(z.string()),
        })
        .nullable()
        .describe('How the shop pushes orders; null when it cannot'),
      poll: z
        .object({ role: z.enum(['primary', 'reconciliation']) })
        .nullable()
        .describe('primary: orders come only by polling; reconciliation: a safety net beside webhooks'),
      check: z.boolean().describe('Whether POST /connections/{id}/check tries the source too'),
    }),
    ...schemas,
  })
  .describe('A webshop Koppel takes orders from');

export const targetSystemSchema = z
  .object({ system: z.string().describe('The value of `targetSystem`'), displayName: z.string(), ...schemas })
  .describe('A bookkeeping or POS system Koppel books orders in');

export const systemListSchema = z
  .object({ sources: z.array(sourceSystemSchema), targets: z.array(targetSystemSchema) })
  .describe('The systems that have a connector');
