import { z } from 'zod';

/** Most field rules one connection may have; each runs once per order (per line for `[*]`). */
export const MAX_FIELD_RULES = 50;
/** Longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 2000;

/**
 * One field rule: `target ← expression`. The target names a field of the canonical order in its
 * JSON spelling (`customer.companyName`, `lines[*].sku`, `extras.costCenter`); the expression is
 * JSONata (https://docs.jsonata.org) over the canonical order as JSON. Shape only: whether the
 * expression parses and the target exists is checked by `compileFieldRules`.
 */
export const fieldRuleSchema = z.strictObject({
  target: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Canonical order field to set, e.g. customer.companyName, lines[*].sku, extras.costCenter'),
  expression: z
    .string()
    .min(1)
    .max(MAX_EXPRESSION_LENGTH)
    .describe('JSONata expression over the canonical order, e.g. "WEB-" & orderNumber'),
  description: z.string().max(500).optional().describe('Why the rule exists, for the next operator'),
});

export const fieldRulesSchema = z.array(fieldRuleSchema).max(MAX_FIELD_RULES);

export type FieldRule = z.infer<typeof fieldRuleSchema>;
