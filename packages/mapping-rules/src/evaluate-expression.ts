import jsonata from 'jsonata';

/**
 * Limits of one evaluation, enforced by JSONata's own guardrails (jsonata.d.ts `JsonataOptions`:
 * `timeout` in ms, `stack` = evaluation depth, `sequence` = longest sequence built), so a
 * runaway rule (deep recursion, a huge range) fails with its code instead of stalling mapping.
 */
export type EvaluationLimits = { timeoutMs: number; maxDepth: number; maxSequence: number };

export const DEFAULT_EVALUATION_LIMITS: EvaluationLimits = Object.freeze({
  timeoutMs: 250,
  maxDepth: 500,
  maxSequence: 10_000,
});

export type CompiledExpression = {
  evaluate(input: unknown, bindings: Record<string, unknown>): Promise<unknown>;
};

/** A JSONata error as thrown (a plain object with code, position and message). */
type JsonataFailure = { code?: unknown; position?: unknown; message?: unknown };

/** `S0202: Expected ")", got "," (at character 12)`; anything else thrown keeps its message. */
export function describeJsonataError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const failure = error as JsonataFailure;
  const message = typeof failure.message === 'string' ? failure.message : 'failed';
  const code = typeof failure.code === 'string' ? `${failure.code}: ` : '';
  const at = typeof failure.position === 'number' ? ` (at character ${failure.position})` : '';
  return `${code}${message}${at}`;
}

/** Parses an expression with the limits set; throws the JSONata syntax error. */
export function compileExpression(
  text: string,
  limits: EvaluationLimits,
): CompiledExpression & {
  ast(): unknown;
} {
  const expression = jsonata(text, {
    timeout: limits.timeoutMs,
    stack: limits.maxDepth,
    sequence: limits.maxSequence,
  });
  return {
    evaluate: async (input, bindings) => (await expression.evaluate(input, bindings)) as unknown,
    ast: () => expression.ast(),
  };
}
