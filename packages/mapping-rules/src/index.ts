/**
 * A connection's mapping rules on the canonical order, pure: the status filter, value maps and
 * extras, and field rules `target ← JSONata expression` evaluated with time, depth and sequence
 * limits. Used by the mapping service and by the admin API (validation on save, dry run).
 */
export { applyFieldRules, type FieldRuleFailure, type FieldRulesOutcome } from './apply-field-rules.js';
export { applyMappingRules, type MappingOutcome } from './apply-mapping-rules.js';
export { type CompiledFieldRule, type CompileResult, compileFieldRules } from './compile-field-rules.js';
export {
  applyConnectionRules,
  type ConnectionRules,
  connectionRulesSchema,
  type RuleOutcome,
} from './connection-rules.js';
export { DEFAULT_EVALUATION_LIMITS, type EvaluationLimits } from './evaluate-expression.js';
export {
  type FieldRule,
  fieldRuleSchema,
  fieldRulesSchema,
  MAX_EXPRESSION_LENGTH,
  MAX_FIELD_RULES,
} from './field-rule-schema.js';
export {
  fieldRuleFailed,
  invalidMappingRule,
  mappingRuleErrorCatalogue,
  type RuleIssue,
} from './mapping-rule-errors.js';
export { type LeafKind, type PathSegment, parseTargetPath, type TargetPath } from './target-path.js';
