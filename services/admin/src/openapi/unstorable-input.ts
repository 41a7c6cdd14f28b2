/** Deepest nesting of objects and arrays a request may carry; admin inputs need a handful. */
export const MAX_INPUT_DEPTH = 32;

/** Where a parsed request holds what no route can take, and what is wrong there. */
export type UnstorableInput = { path: PropertyKey[]; problem: string };

const NUL_PROBLEM = 'must not contain the NUL character (U+0000)';

/**
 * The first part (in document order) of a parsed request that no route can take: a string or
 * key holding U+0000, which Postgres text and jsonb cannot hold ("invalid byte sequence for
 * encoding UTF8: 0x00"), or objects and arrays nested deeper than MAX_INPUT_DEPTH, which recursive
 * walkers (in handlers, in serializers, in jsonb) run out of stack on. Both are the caller's fault,
 * so they are refused as 400 before any route runs. The walk is iterative, so it cannot overflow.
 */
export function findUnstorableInput(value: unknown): UnstorableInput | undefined {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { path } = next;
    const key = path.at(-1);
    if (typeof key === 'string' && key.includes('\u0000')) return { path, problem: NUL_PROBLEM };
    const current = next.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { path, problem: NUL_PROBLEM };
      continue;
    }
    if (typeof current !== 'object' || current === null || current instanceof Date) continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      return { path, problem: `nests objects and arrays deeper than ${MAX_INPUT_DEPTH} levels` };
    }
    const children: [PropertyKey, unknown][] = Array.isArray(current)
      ? current.map((item, index): [PropertyKey, unknown] => [index, item])
      : Object.entries(current);
    // Last child first onto the stack, so the first child is looked at first.
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const child = children[index];
      if (child) pending.push({ value: child[1], path: [...path, child[0]] });
    }
  }
  return undefined;
}
