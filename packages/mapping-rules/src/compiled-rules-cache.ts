import { type CompileResult, compileFieldRules } from './compile-field-rules.js';
import type { EvaluationLimits } from './evaluate-expression.js';
import type { FieldRule } from './field-rule-schema.js';

/** Rule sets kept compiled; a connection's rules change rarely, orders come often. */
const MAX_ENTRIES = 256;
const cache = new Map<string, CompileResult>();

/**
 * `compileFieldRules`, remembered by the rules' text and limits (parsing is about a quarter of a
 * millisecond per rule; mapping every order would pay it again). The oldest entry goes first.
 */
export function compileFieldRulesCached(
  rules: readonly FieldRule[],
  limits: EvaluationLimits,
): CompileResult {
  const key = JSON.stringify([rules, limits]);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compileFieldRules(rules, limits);
  cache.set(key, result);
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return result;
}
