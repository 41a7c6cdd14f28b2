import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import type { PathSegment } from './target-path.js';

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `lines[0].sku`: a concrete path as messages name it. */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if (segment.kind === 'field') text += `${text ? '.' : ''}${segment.name}`;
    else if (segment.kind === 'key') text += `.${segment.key}`;
    else if (segment.kind === 'index') text += `[${segment.index}]`;
    else text += '[*]';
  }
  return text;
}

/** The value at a path of the order's JSON, or undefined when a step is missing. */
export function readAt(root: JsonObject, segments: readonly PathSegment[]): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const segment of segments) {
    if (segment.kind === 'index') {
      current = Array.isArray(current) ? current[segment.index] : undefined;
    } else if (segment.kind === 'field' || segment.kind === 'key') {
      current = isObject(current)
        ? current[segment.kind === 'field' ? segment.name : segment.key]
        : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Writes `value` at a path without `[*]`, creating a missing message (`customer`, `extras`) on
 * the way; a list element must exist. Returns what is wrong, or undefined when written.
 */
export function writeAt(
  root: JsonObject,
  segments: readonly PathSegment[],
  value: JsonValue,
): string | undefined {
  let container: JsonObject = root;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    if (segment === undefined || segment.kind === 'each' || segment.kind === 'index') {
      return `cannot write at ${formatPath(segments)}`;
    }
    const name = segment.kind === 'field' ? segment.name : segment.key;
    if (i === segments.length - 1) {
      container[name] = value;
      return undefined;
    }
    const next = segments[i + 1];
    if (next?.kind === 'index') {
      const list = container[name];
      const element = Array.isArray(list) ? list[next.index] : undefined;
      if (!isObject(element)) return `the order has no ${formatPath(segments.slice(0, i + 2))}`;
      container = element;
      i += 1;
      continue;
    }
    const child = container[name];
    if (isObject(child)) {
      container = child;
    } else {
      const created: JsonObject = {};
      container[name] = created;
      container = created;
    }
  }
  return `cannot write at ${formatPath(segments)}`;
}
