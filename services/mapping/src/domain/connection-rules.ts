/**
 * A connection's mapping rules (status filter, value maps, extras, field rules) live in
 * @koppel/mapping-rules, so the admin API validates and dry-runs them with the same code that
 * maps orders here.
 */
export {
  applyConnectionRules,
  type ConnectionRules,
  connectionRulesSchema,
  type RuleOutcome,
} from '@koppel/mapping-rules';
