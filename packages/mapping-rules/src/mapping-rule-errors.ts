import { AppError } from '@koppel/errors';

/**
 * Error codes of mapping rules beyond the shared catalogue of @koppel/errors. Stable once
 * released: operators alert on them.
 */
export const mappingRuleErrorCatalogue = {
  /**
   * A field rule does not compile (JSONata syntax, unknown target) or, applied to an order, gives
   * a value the canonical order refuses. 422 on the admin API; a dead letter in the pipeline.
   */
  INVALID_MAPPING_RULE: { httpStatus: 422, retryable: false },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

/** One rule problem: the field at fault (`rules[2].expression`) and what is wrong. */
export type RuleIssue = { field: string; message: string };

/** A rule problem as an AppError; `prefix` says where the rules sit (`body.rules`, `rules.fieldRules`). */
export function invalidMappingRule(prefix: string, issues: readonly RuleIssue[]): AppError {
  const named = issues.map((issue) => ({ field: `${prefix}${issue.field}`, message: issue.message }));
  return new AppError(
    'INVALID_MAPPING_RULE',
    named.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
    {
      ...mappingRuleErrorCatalogue.INVALID_MAPPING_RULE,
      field: named[0]?.field ?? prefix,
      details: { issues: named },
    },
  );
}

/** A field rule that failed on one order, as the pipeline dead-letters it (rule and field named). */
export function fieldRuleFailed(
  prefix: string,
  failure: { ruleIndex: number; target: string; orderField: string; message: string },
): AppError {
  const field = `${prefix}[${failure.ruleIndex}].expression`;
  return new AppError(
    'INVALID_MAPPING_RULE',
    `field rule ${failure.ruleIndex} (${failure.target}): ${failure.message}`,
    {
      ...mappingRuleErrorCatalogue.INVALID_MAPPING_RULE,
      field,
      details: { ruleIndex: failure.ruleIndex, target: failure.target, orderField: failure.orderField },
    },
  );
}
