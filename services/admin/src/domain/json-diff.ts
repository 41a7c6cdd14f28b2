/** One difference between two JSON values, at a path such as `body.lines[0].description`. */
export type JsonChange =
  | { path: string; kind: 'changed'; before: unknown; after: unknown }
  | { path: string; kind: 'added'; after: unknown }
  | { path: string; kind: 'removed'; before: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/**
 * The leaf-level differences between two JSON values, before's key order first. A small
 * structural diff rather than a text diff (the `diff` package in node_modules is only a test
 * tool's dependency and diffs lines): an operator reads which field of the request changes.
 */
export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: JsonChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
      if (i >= after.length) changes.push({ path: child(path, i), kind: 'removed', before: before[i] });
      else if (i >= before.length) changes.push({ path: child(path, i), kind: 'added', after: after[i] });
      else changes.push(...diffJson(before[i], after[i], child(path, i)));
    }
    return changes;
  }
  if (isRecord(before) && isRecord(after)) {
    const changes: JsonChange[] = [];
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
    for (const key of keys) {
      if (!(key in after)) changes.push({ path: child(path, key), kind: 'removed', before: before[key] });
      else if (!(key in before)) changes.push({ path: child(path, key), kind: 'added', after: after[key] });
      else changes.push(...diffJson(before[key], after[key], child(path, key)));
    }
    return changes;
  }
  if (Object.is(before, after)) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  return [{ path, kind: 'changed', before, after }];
}
