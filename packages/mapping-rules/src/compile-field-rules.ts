import {
  DEFAULT_EVALUATION_LIMITS,
  type CompiledExpression,
  compileExpression,
  describeJsonataError,
  type EvaluationLimits,
} from './evaluate-expression.js';
import { checkExpression } from './expression-checks.js';
import type { FieldRule } from './field-rule-schema.js';
import type { RuleIssue } from './mapping-rule-errors.js';
import { parseTargetPath, type TargetPath } from './target-path.js';

export type CompiledFieldRule = {
  index: number;
  rule: FieldRule;
  target: TargetPath;
  expression: CompiledExpression;
};

export type CompileResult = { ok: true; rules: CompiledFieldRule[] } | { ok: false; issues: RuleIssue[] };

/**
 * Compiles a connection's field rules: every target is checked against the canonical order and
 * every expression parsed, and each problem is named (`[2].target`, `[2].expression`). Pure and
 * synchronous; nothing is evaluated.
 */
export function compileFieldRules(
  rules: readonly FieldRule[],
  limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS,
): CompileResult {
  const compiled: CompiledFieldRule[] = [];
  const issues: RuleIssue[] = [];
  rules.forEach((rule, index) => {
    const target = parseTargetPath(rule.target);
    if (!target.ok) issues.push({ field: `[${index}].target`, message: target.message });
    let expression: (CompiledExpression & { ast(): unknown }) | undefined;
    try {
      expression = compileExpression(rule.expression, limits);
    } catch (error) {
      issues.push({ field: `[${index}].expression`, message: describeJsonataError(error) });
    }
    const forbidden = expression ? checkExpression(expression.ast()) : undefined;
    if (forbidden) issues.push({ field: `[${index}].expression`, message: forbidden });
    if (target.ok && expression && !forbidden) {
      compiled.push({ index, rule, target: target.path, expression });
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rules: compiled };
}
