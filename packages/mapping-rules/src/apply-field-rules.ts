import { fromJson, type JsonObject, type JsonValue, toJson } from '@bufbuild/protobuf';
import { type CanonicalOrder, CanonicalOrderSchema } from '@koppel/contracts';
import { type OrderProblem, validateCanonicalOrder } from '@koppel/order-model';
import type { CompiledFieldRule } from './compile-field-rules.js';
import { describeJsonataError } from './evaluate-expression.js';
import { toLeafValue } from './leaf-value.js';
import { formatPath, readAt, writeAt } from './order-json-path.js';
import type { PathSegment } from './target-path.js';

/** A rule that could not be applied, or whose result the canonical order refuses. */
export type FieldRuleFailure = {
  kind: 'invalid';
  /** Index of the rule in the connection's field rules. */
  ruleIndex: number;
  target: string;
  /** The order field at fault, concrete (`lines[1].sku`, `totals.net`). */
  orderField: string;
  message: string;
};

export type FieldRulesOutcome = { kind: 'ok'; order: CanonicalOrder } | FieldRuleFailure;

type Step = { ok: true } | { ok: false; orderField: string; message: string };

async function evaluateAt(
  rule: CompiledFieldRule,
  input: JsonValue,
  bindings: Record<string, unknown>,
  orderField: string,
): Promise<{ ok: true; value: JsonValue | undefined } | { ok: false; orderField: string; message: string }> {
  let raw: unknown;
  try {
    raw = await rule.expression.evaluate(input, bindings);
  } catch (error) {
    return { ok: false, orderField, message: `the expression failed: ${describeJsonataError(error)}` };
  }
  const leaf = toLeafValue(rule.target.leaf, raw);
  return leaf.ok ? leaf : { ok: false, orderField, message: `the expression ${leaf.message}` };
}

/**
 * Runs one rule on the order's JSON. A `[*]` target runs the expression once per element, with
 * the element as context (`sku`), `$order` the whole order and `$index` its position; values are
 * all computed before any is written, so elements never see each other's new values.
 */
async function applyRule(root: JsonObject, rule: CompiledFieldRule): Promise<Step> {
  const segments = rule.target.segments;
  const each = segments.findIndex((segment) => segment.kind === 'each');
  if (each < 0) {
    const result = await evaluateAt(rule, root, { order: root }, formatPath(segments));
    if (!result.ok) return result;
    if (result.value === undefined) return { ok: true };
    const problem = writeAt(root, segments, result.value);
    return problem ? { ok: false, orderField: formatPath(segments), message: problem } : { ok: true };
  }
  const listPath = segments.slice(0, each);
  const rest = segments.slice(each + 1);
  const list = readAt(root, listPath);
  if (!Array.isArray(list)) return { ok: true };
  const writes: { path: PathSegment[]; value: JsonValue }[] = [];
  for (const [index, element] of list.entries()) {
    const path: PathSegment[] = [...listPath, { kind: 'index', index }, ...rest];
    const result = await evaluateAt(rule, element, { order: root, index }, formatPath(path));
    if (!result.ok) return result;
    if (result.value !== undefined) writes.push({ path, value: result.value });
  }
  for (const write of writes) {
    const problem = writeAt(root, write.path, write.value);
    if (problem) return { ok: false, orderField: formatPath(write.path), message: problem };
  }
  return { ok: true };
}

const problemKey = (problem: OrderProblem) => `${problem.path}\n${problem.message}`;

/** `lines[0].total_net` (order-model's proto names) → `lines[0].totalNet` (the rules' JSON names). */
const toJsonPath = (path: string) => path.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The rule a validation problem is blamed on: the one writing that field, else the last that changed the order. */
function blame(problemPath: string, rules: readonly CompiledFieldRule[], changed: readonly number[]) {
  const writer = [...rules].reverse().find((rule) => {
    const escaped = rule.target.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = escaped.replaceAll('\\[\\*\\]', '\\[\\d+\\]');
    return new RegExp(`^${pattern}(?:$|[.[])`).test(problemPath);
  });
  if (writer) return writer;
  const last = changed[changed.length - 1];
  return rules.find((rule) => rule.index === last) ?? rules[rules.length - 1];
}

/**
 * Applies field rules, in order, to a decoded canonical order: each sees the previous ones'
 * results. The result is read back with the canonical order's protobuf schema (`fromJson`
 * refuses a wrong type) and checked with order-model's `validateCanonicalOrder`; a problem the
 * decoded order did not have is blamed on a rule. Pure but for JSONata's clock ($now).
 */
export async function applyFieldRules(
  order: CanonicalOrder,
  rules: readonly CompiledFieldRule[],
): Promise<FieldRulesOutcome> {
  if (rules.length === 0) return { kind: 'ok', order };
  const json = toJson(CanonicalOrderSchema, order, { alwaysEmitImplicit: true }) as JsonObject;
  const changed: number[] = [];
  for (const rule of rules) {
    const before = JSON.stringify(json);
    const step = await applyRule(json, rule);
    if (!step.ok) {
      const { orderField, message } = step;
      return { kind: 'invalid', ruleIndex: rule.index, target: rule.target.text, orderField, message };
    }
    if (JSON.stringify(json) !== before) changed.push(rule.index);
  }
  let current: CanonicalOrder;
  try {
    // toLeafValue checked every value against its field, so this refuses only what it alone knows.
    current = fromJson(CanonicalOrderSchema, json);
  } catch (error) {
    const culprit = rules.find((rule) => rule.index === changed.at(-1)) ?? rules[rules.length - 1];
    const target = culprit?.target.text ?? '';
    const message = `the result is not a valid canonical order: ${describeJsonataError(error)}`;
    return { kind: 'invalid', ruleIndex: culprit?.index ?? 0, target, orderField: target, message };
  }
  const known = new Set(validateCanonicalOrder(order).map(problemKey));
  const fresh = validateCanonicalOrder(current).filter((problem) => !known.has(problemKey(problem)));
  const first = fresh[0];
  if (first) {
    const path = toJsonPath(first.path);
    const culprit = blame(path, rules, changed);
    return {
      kind: 'invalid',
      ruleIndex: culprit?.index ?? 0,
      target: culprit?.target.text ?? '',
      orderField: path,
      message: `the order is no longer valid: ${path} ${first.message}`,
    };
  }
  return { kind: 'ok', order: current };
}
