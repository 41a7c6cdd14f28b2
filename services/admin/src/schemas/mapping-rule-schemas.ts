import { PROBLEM_CONTENT_TYPE } from '@koppel/errors';
import { fieldRuleSchema, MAX_FIELD_RULES } from '@koppel/mapping-rules';
import { z } from 'zod';
import { problemSchema } from './problem-schemas.js';

/**
 * Request and response shapes of `/admin/v1/connections/{id}/mapping-rules`. A rule's shape is
 * checked here (400); whether its expression parses and its target exists is checked by
 * @koppel/mapping-rules on save (422 naming `body.rules[i].expression` or `.target`).
 */
const fieldRulesBodySchema = z
  .array(fieldRuleSchema)
  .max(MAX_FIELD_RULES)
  .describe(
    'Field rules, applied in order after the status filter and value maps: `target ← expression` ' +
      '(JSONata, https://docs.jsonata.org) over the canonical order as protobuf JSON. A `[*]` target ' +
      'runs per element with the element as context, `$order` the whole order and `$index` its position.',
  )
  .meta({
    examples: [
      [
        { target: 'orderNumber', expression: '"WEB-" & externalId' },
        { target: 'customer.companyName', expression: '$uppercase(customer.companyName)' },
        { target: 'lines[*].sku', expression: '$uppercase(sku)' },
        { target: 'shippingMethodName', expression: '$lookup({"PostNL": "POST"}, shippingMethodName)' },
      ],
    ],
  });

export const mappingRulesSchema = z
  .object({ rules: fieldRulesBodySchema })
  .describe("The connection's field rules");

export const putMappingRulesBodySchema = z.strictObject({ rules: fieldRulesBodySchema });

const payloadSchema = z
  .strictObject({
    contentType: z.string().min(1).max(200).describe('As the shop sends it, e.g. application/json'),
    body: z.string().min(1).max(1_048_576).describe('The webhook body as the shop sends it'),
  })
  .describe("A pasted webhook body, split and decoded with the connection's source connector");

export const dryRunBodySchema = z
  .strictObject({
    rules: fieldRulesBodySchema.describe(
      'The draft field rules to try (the stored ones are left as they are)',
    ),
    externalOrderId: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe(
        'A received order of this connection (its payload as the journey stored it); with `payload`, ' +
          'which order of a multi-order body to use',
      ),
    payload: payloadSchema.optional(),
  })
  .refine((body) => body.externalOrderId !== undefined || body.payload !== undefined, {
    message: 'give externalOrderId (a received order) or payload (a pasted webhook body)',
    path: ['externalOrderId'],
  });

const targetRequestSchema = z
  .object({
    targetSystem: z.string(),
    documentNumber: z.string().describe('The number Koppel gives the document in the target'),
    body: z
      .unknown()
      .describe(
        "The connector's request body (`prepareDocument`), credentials removed; the debtor reference " +
          'is added at delivery, once the debtor is known',
      ),
  })
  .describe('The request that would be sent to the target');

const dryRunResultSchema = z.object({
  outcome: z
    .enum(['prepared', 'skipped', 'rule_failed', 'rules_invalid', 'target_refused'])
    .describe(
      'prepared: the target request below would be sent; skipped: the status filter stops the order; ' +
        'rule_failed: a field rule fails on this order (dead letter); rules_invalid: the rules do not ' +
        'compile; target_refused: the target connector refuses the mapped order (dead letter)',
    ),
  reason: z.string().optional(),
  field: z.string().optional().describe('The rule or order field at fault'),
  order: z.unknown().optional().describe('The canonical order after the rules (protobuf JSON)'),
  request: targetRequestSchema.optional(),
});

export const dryRunResultsSchema = z
  .object({
    externalOrderId: z.string(),
    eventType: z.string(),
    source: z.enum(['journey', 'payload']).describe('Where the order came from'),
    current: dryRunResultSchema.describe('With the stored rules'),
    draft: dryRunResultSchema.describe('With the draft rules'),
    diff: z
      .array(
        z.object({
          path: z.string().describe('e.g. request.body.lines[0].description'),
          kind: z.enum(['changed', 'added', 'removed']),
          before: z.unknown().optional(),
          after: z.unknown().optional(),
        }),
      )
      .describe('What the draft changes against the stored rules (outcome, reason, field, request)'),
  })
  .describe('A dry run: nothing is stored, published or sent');

export type DryRunBody = z.output<typeof dryRunBodySchema>;
export type DryRunResult = z.input<typeof dryRunResultSchema>;

/** 422 answers of the mapping-rules routes. */
export const mappingRulesUnprocessableResponse = {
  422: {
    description:
      'A rule does not compile (`field`: body.rules[i].expression or body.rules[i].target; `details.issues` ' +
      'lists all), or a pasted payload does not decode (`field` under body.payload.body)',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
  },
} as const;
