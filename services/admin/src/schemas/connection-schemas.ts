import { compileFieldRules, fieldRulesSchema } from '@koppel/mapping-rules';
import { z } from 'zod';
import { isIpOrCidr } from '../domain/ip-allowlist-entry.js';

/**
 * Request and response shapes of `/admin/v1/connections`; the OpenAPI document is generated from
 * these. The systems on offer are the registry's connectors, so the body schema is built per app
 * (`createConnectionBodySchemaFor`); settings and credentials are checked against the chosen
 * connectors' own schemas in connectors/connection-input.ts.
 */
const idSchema = z.string().min(1).max(128);

export const ipAllowlistSchema = z
  .array(z.string().max(64).refine(isIpOrCidr, { message: 'must be an IPv4/IPv6 address or CIDR range' }))
  .max(256)
  .describe('Addresses or CIDR ranges webhooks may come from; empty allows any.')
  .meta({ examples: [['203.0.113.7', '10.0.0.0/8', '2001:db8::/32']] });

const stringMapSchema = z.record(z.string().min(1), z.string());

export const connectionRulesSchema = z
  .strictObject({
    statusFilter: z
      .strictObject({
        allowedStatuses: z.array(z.string().min(1)).optional().describe('e.g. ["PROCESSING", "COMPLETED"]'),
        allowedPaymentStatuses: z.array(z.string().min(1)).optional().describe('e.g. ["PAID"]'),
      })
      .optional()
      .describe('Only orders in these statuses go on; others are skipped.'),
    overrides: stringMapSchema.optional().describe('Source value → target value overrides.'),
    // Mapping reads value maps under this name today (services/mapping connection-rules.ts).
    valueMaps: z
      .strictObject({
        paymentMethodCode: stringMapSchema.optional(),
        shippingMethodName: stringMapSchema.optional(),
      })
      .optional()
      .describe('Payment and shipping method translations, as the mapping service reads them.'),
    extras: stringMapSchema
      .optional()
      .describe('Fixed values the source lacks (an employee number, a store id).'),
    fieldRules: fieldRulesSchema
      .optional()
      .superRefine((rules, ctx) => {
        const compiled = rules ? compileFieldRules(rules) : undefined;
        if (!compiled || compiled.ok) return;
        for (const issue of compiled.issues) {
          const [, index, part] = /^\[(\d+)\]\.(\w+)$/.exec(issue.field) ?? [];
          ctx.addIssue({
            code: 'custom',
            message: issue.message,
            path: index ? [Number(index), part ?? ''] : [],
          });
        }
      })
      .describe('Field rules (JSONata), as PUT …/mapping-rules sets them; kept as given, checked on save.'),
  })
  .describe('Mapping rules');

const settingsSchema = (what: string) =>
  z
    .record(z.string().min(1), z.unknown())
    .describe(
      `Non-secret ${what} settings, validated with the ${what} connector's settings schema ` +
        '(GET /admin/v1/systems; components.schemas `<system>.<side>.settings`).',
    );

const credentialsSchema = (what: string) =>
  z
    .record(z.string().min(1).max(128), z.unknown())
    .describe(
      `Write-only ${what} credentials, validated with the ${what} connector's credentials schema; ` +
        'sealed with AES-256-GCM at rest and never returned: responses list the key names.',
    );

const createConnectionBodySchema = z.strictObject({
  tenantId: idSchema,
  name: z.string().trim().min(1).max(200),
  sourceSystem: z.string().describe('A source system of GET /admin/v1/systems'),
  targetSystem: z.string().describe('A target system of GET /admin/v1/systems'),
  ipAllowlist: ipAllowlistSchema.default([]),
  rules: connectionRulesSchema.default({}),
  settings: settingsSchema('target').default({}),
  credentials: credentialsSchema('target'),
  sourceSettings: settingsSchema('source').default({}),
  sourceCredentials: credentialsSchema('source').optional(),
});

/** The create body offering exactly the systems that have a connector. */
export function createConnectionBodySchemaFor(systems: {
  sources: readonly string[];
  targets: readonly string[];
}) {
  return createConnectionBodySchema.extend({
    sourceSystem: z.enum(systems.sources).describe('A source system of GET /admin/v1/systems'),
    targetSystem: z.enum(systems.targets).describe('A target system of GET /admin/v1/systems'),
  });
}

export const patchConnectionBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    ipAllowlist: ipAllowlistSchema.optional(),
    rules: connectionRulesSchema.optional(),
    settings: settingsSchema('target').optional().describe('Replaces the target settings.'),
    active: z.boolean().optional(),
    credentials: credentialsSchema('target')
      .optional()
      .describe('Replaces all target credentials (re-sealed).'),
    sourceSettings: settingsSchema('source').optional().describe('Replaces the source settings.'),
    sourceCredentials: credentialsSchema('source')
      .optional()
      .describe('Replaces all source credentials (re-sealed).'),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: 'nothing to change' });

export const connectionParamsSchema = z.strictObject({ id: idSchema });

export const listConnectionsQuerySchema = z.strictObject({ tenantId: idSchema.optional() });

export const connectionSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    name: z.string(),
    sourceSystem: z.string(),
    targetSystem: z.string(),
    ipAllowlist: z.array(z.string()),
    rules: z.record(z.string(), z.unknown()),
    settings: z.record(z.string(), z.unknown()).describe('Target settings as stored (defaults filled in)'),
    sourceSettings: z
      .record(z.string(), z.unknown())
      .describe('Source settings as stored (defaults filled in)'),
    active: z.boolean(),
    hasCredentials: z.boolean().describe('Whether target credentials are stored'),
    credentialKeys: z
      .array(z.string())
      .describe('Names of the stored target credentials; values are never shown.'),
    sourceCredentialKeys: z
      .array(z.string())
      .describe('Names of the stored source credentials; values are never shown.'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A connection');

export const webhookSchema = z
  .object({
    url: z.string().describe('Give this URL to the shop; it contains the secret.'),
    secret: z.string().describe('Shown once; only its sha256 is stored.'),
  })
  .describe('The webhook endpoint, shown once');

export const connectionWithWebhookSchema = connectionSchema
  .extend({ webhook: webhookSchema })
  .describe('The connection and its webhook secret, shown only in this answer');

export const connectionListSchema = z
  .object({ connections: z.array(connectionSchema) })
  .describe('Connections, oldest first');

export type ConnectionView = z.input<typeof connectionSchema>;
export type CreateConnectionBody = z.output<typeof createConnectionBodySchema>;
export type PatchConnectionBody = z.output<typeof patchConnectionBodySchema>;
