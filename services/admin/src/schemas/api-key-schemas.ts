import { z } from 'zod';

/** Request and response shapes of `/admin/v1/api-keys`. */
const idSchema = z.string().min(1).max(128);

export const createApiKeyBodySchema = z
  .union([
    z.strictObject({
      tenantId: idSchema.describe('The tenant the key acts for; it sees only this tenant'),
      label: z.string().min(1).max(200).describe('What the key is for, e.g. "webshop ops team"'),
    }),
    z.strictObject({
      operator: z
        .literal(true)
        .describe('An operator key sees every tenant; only operator keys may create one'),
      label: z.string().min(1).max(200),
    }),
  ])
  .describe('A key for one tenant, or an operator key');

export const apiKeySchema = z
  .object({
    id: z.string(),
    label: z.string(),
    tenantId: z.string().nullable().describe('Null for an operator key'),
    operator: z.boolean(),
    createdAt: z.string().describe('ISO 8601'),
    lastUsedAt: z.string().nullable().describe('ISO 8601; null until first used'),
  })
  .describe('An API key as listed: the key itself is never shown again');

export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().describe('The key; shown only in this answer, stored only as its sha256') })
  .describe('A new API key, shown once');

export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema) });

export const apiKeyParamsSchema = z.strictObject({ id: idSchema });
