import { toJson } from '@bufbuild/protobuf';
import { type CanonicalOrder, CanonicalOrderSchema } from '@koppel/contracts';
import type { Connection, ConnectionRepository, JourneyRepository } from '@koppel/db';
import {
  applyMappingRules,
  type ConnectionRules,
  compileFieldRules,
  connectionRulesSchema,
  type FieldRule,
  fieldRuleFailed,
  invalidMappingRule,
} from '@koppel/mapping-rules';
import { type AdminConnectors, findSource, findTarget } from '../connectors/admin-connectors.js';
import { diffJson } from '../domain/json-diff.js';
import { adminErrors } from '../errors.js';
import type { DryRunBody, DryRunResult } from '../schemas/mapping-rule-schemas.js';
import { loadDryRunOrder } from './dry-run-order-source.js';
import { prepareTargetRequest } from './prepare-target-request.js';

export type DryRunDeps = {
  connections: ConnectionRepository;
  journey: JourneyRepository;
  connectors: AdminConnectors;
};

type Rules = { ok: true; rules: ConnectionRules } | { ok: false; result: DryRunResult };

/** The connection's rules with these field rules in place of the stored ones. */
function rulesWith(connection: Connection, fieldRules: readonly FieldRule[] | undefined): Rules {
  const input = fieldRules === undefined ? connection.rules : { ...connection.rules, fieldRules };
  const parsed = connectionRulesSchema.safeParse(input);
  if (parsed.success) return { ok: true, rules: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    result: {
      outcome: 'rules_invalid',
      reason: `the stored rules are invalid: ${issue?.message ?? 'invalid'}`,
      field: `rules.${issue?.path.join('.') ?? ''}`,
    },
  };
}

/** What mapping and the target connector would make of the order under these rules. */
async function runRules(
  rules: ConnectionRules,
  order: CanonicalOrder,
  prepare: (order: CanonicalOrder) => ReturnType<typeof prepareTargetRequest>,
): Promise<DryRunResult> {
  const outcome = await applyMappingRules(order, rules);
  switch (outcome.kind) {
    case 'skip':
      return { outcome: 'skipped', reason: outcome.reason };
    case 'rules-invalid': {
      const error = invalidMappingRule('rules.fieldRules', outcome.issues);
      return { outcome: 'rules_invalid', reason: error.message, field: error.field };
    }
    case 'invalid': {
      const error = fieldRuleFailed('rules.fieldRules', outcome);
      return { outcome: 'rule_failed', reason: error.message, field: error.field };
    }
    case 'pass': {
      const mapped = toJson(CanonicalOrderSchema, outcome.order);
      const prepared = prepare(outcome.order);
      return prepared.ok
        ? { outcome: 'prepared', order: mapped, request: prepared.request }
        : { outcome: 'target_refused', reason: prepared.reason, field: prepared.field, order: mapped };
    }
  }
}

const comparable = (result: DryRunResult) => ({
  outcome: result.outcome,
  reason: result.reason,
  field: result.field,
  request: result.request,
});

/**
 * A dry run of the draft field rules on one order: decoded by the source connector, mapped with
 * the stored rules and with the draft, each prepared by the target connector, and compared.
 * Reads the connection, its credentials and the journey; writes, publishes and sends nothing.
 */
export async function dryRunMapping(deps: DryRunDeps, connection: Connection, body: DryRunBody) {
  const source = findSource(deps.connectors, connection.sourceSystem);
  if (!source) throw adminErrors.unknownSystem('sourceSystem', connection.sourceSystem);
  const target = findTarget(deps.connectors, connection.targetSystem);
  if (!target) throw adminErrors.unknownSystem('targetSystem', connection.targetSystem);
  const compiled = compileFieldRules(body.rules);
  if (!compiled.ok) throw invalidMappingRule('body.rules', compiled.issues);

  const loaded = await loadDryRunOrder(deps, source, connection, body);
  const credentials = (await deps.connections.readCredentials(connection.id, 'target')) ?? {};
  const prepare = (order: CanonicalOrder) => prepareTargetRequest(target, connection, credentials, order);
  const run = async (rules: Rules) =>
    rules.ok ? runRules(rules.rules, loaded.order, prepare) : rules.result;
  const current = await run(rulesWith(connection, undefined));
  const draft = await run(rulesWith(connection, body.rules));
  return {
    externalOrderId: loaded.externalOrderId,
    eventType: loaded.eventType,
    source: loaded.source,
    current,
    draft,
    diff: diffJson(comparable(current), comparable(draft)),
  };
}
