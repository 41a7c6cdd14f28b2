import type { CanonicalOrder } from '@koppel/contracts';
import { type FieldRuleFailure, applyFieldRules } from './apply-field-rules.js';
import { compileFieldRulesCached } from './compiled-rules-cache.js';
import { applyConnectionRules, type ConnectionRules } from './connection-rules.js';
import { DEFAULT_EVALUATION_LIMITS, type EvaluationLimits } from './evaluate-expression.js';
import type { RuleIssue } from './mapping-rule-errors.js';

export type MappingOutcome =
  | { kind: 'pass'; order: CanonicalOrder }
  | { kind: 'skip'; reason: string }
  /** The stored field rules do not compile; fields are relative to `fieldRules` (`[2].expression`). */
  | { kind: 'rules-invalid'; issues: RuleIssue[] }
  | FieldRuleFailure;

/**
 * Everything mapping does to a decoded order, in order: status filter, value maps and extras,
 * then the field rules. One function, so the pipeline and the admin dry run map alike.
 */
export async function applyMappingRules(
  order: CanonicalOrder,
  rules: ConnectionRules,
  limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS,
): Promise<MappingOutcome> {
  const compiled = compileFieldRulesCached(rules.fieldRules, limits);
  if (!compiled.ok) return { kind: 'rules-invalid', issues: compiled.issues };
  const outcome = applyConnectionRules(order, rules);
  if (outcome.kind === 'skip') return outcome;
  const applied = await applyFieldRules(outcome.order, compiled.rules);
  return applied.kind === 'ok' ? { kind: 'pass', order: applied.order } : applied;
}
