import { type DescEnum, type DescField, type DescMessage, ScalarType } from '@bufbuild/protobuf';
import { CanonicalOrderSchema } from '@koppel/contracts';
import { formatPath } from './order-json-path.js';

/** One step of a target: a field (JSON name), every element of a list, one element, a map key. */
export type PathSegment =
  | { kind: 'field'; name: string }
  | { kind: 'each' }
  | { kind: 'index'; index: number }
  | { kind: 'key'; key: string };

/** What a target field holds, so a rule's value can be checked before it is written. */
export type LeafKind =
  | { kind: 'string' }
  | { kind: 'integer'; bits: 32 | 64 }
  | { kind: 'boolean' }
  | { kind: 'enum'; descriptor: DescEnum }
  | { kind: 'timestamp' };

/** `text` is the target as written, normalised to JSON names (`country_code` → `countryCode`). */
export type TargetPath = { text: string; segments: PathSegment[]; leaf: LeafKind };

export type TargetPathResult = { ok: true; path: TargetPath } | { ok: false; message: string };

/**
 * The order's identity: the pipeline keys, dedupes and journals by these, so a rule may not
 * change them.
 */
const IDENTITY_FIELDS = new Set(['connectionId', 'tenantId', 'sourceSystem', 'externalId']);

const FIELD_SEGMENT = /^([A-Za-z][A-Za-z0-9_]*)(?:\[(\*|\d{1,4})\])?$/;
const MAP_KEY = /^[A-Za-z0-9_-]{1,64}$/;

function findField(message: DescMessage, name: string): DescField | undefined {
  return message.fields.find(
    (field) => field.jsonName === name || field.localName === name || field.name === name,
  );
}

function knownFields(message: DescMessage): string {
  return message.fields.map((field) => field.jsonName).join(', ');
}

function scalarLeaf(scalar: ScalarType): LeafKind | undefined {
  switch (scalar) {
    case ScalarType.STRING:
      return { kind: 'string' };
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return { kind: 'integer', bits: 32 };
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return { kind: 'integer', bits: 64 };
    case ScalarType.BOOL:
      return { kind: 'boolean' };
    default:
      return undefined;
  }
}

/**
 * Parses a target such as `customer.companyName`, `lines[*].sku`, `lines[0].name` or
 * `extras.costCenter` against the canonical order's protobuf descriptor (the one definition of
 * its fields), so an unknown or unwritable field is refused when the rule is saved.
 */
export function parseTargetPath(text: string): TargetPathResult {
  const parts = text.split('.');
  const segments: PathSegment[] = [];
  let message: DescMessage = CanonicalOrderSchema;
  let lists = 0;
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    const last = i === parts.length - 1;
    const match = FIELD_SEGMENT.exec(part);
    if (!match) return { ok: false, message: `"${part}" is not a field name (letters, digits, [*] or [n])` };
    const [, name = '', index] = match;
    const field = findField(message, name);
    if (!field) {
      return { ok: false, message: `${message.name} has no field "${name}"; known: ${knownFields(message)}` };
    }
    if (i === 0 && IDENTITY_FIELDS.has(field.jsonName)) {
      return { ok: false, message: `${field.jsonName} is the order's identity; rules cannot change it` };
    }
    segments.push({ kind: 'field', name: field.jsonName });
    if (field.fieldKind === 'list') {
      if (index === undefined)
        return { ok: false, message: `${name} is a list: write ${name}[*] or ${name}[0]` };
      if (field.listKind !== 'message' || last) {
        return { ok: false, message: `name a field of each ${name} element, e.g. ${name}[*].name` };
      }
      lists += index === '*' ? 1 : 0;
      if (lists > 1) return { ok: false, message: 'at most one [*] per target' };
      segments.push(index === '*' ? { kind: 'each' } : { kind: 'index', index: Number(index) });
      message = field.message;
      continue;
    }
    if (index !== undefined) return { ok: false, message: `${name} is not a list` };
    if (field.fieldKind === 'map') {
      const key = parts[i + 1];
      if (field.mapKind !== 'scalar' || field.scalar !== ScalarType.STRING) {
        return { ok: false, message: `${name} cannot be set by a rule` };
      }
      if (key === undefined || !MAP_KEY.test(key) || key === '__proto__' || i + 2 !== parts.length) {
        return {
          ok: false,
          message: `name one key of ${name}, e.g. ${name}.costCenter (letters, digits, _ and -)`,
        };
      }
      segments.push({ kind: 'key', key });
      return { ok: true, path: { text: formatPath(segments), segments, leaf: { kind: 'string' } } };
    }
    if (field.fieldKind === 'message') {
      if (field.message.typeName === 'google.protobuf.Timestamp') {
        if (!last) return { ok: false, message: `${name} is a timestamp; it has no fields` };
        return { ok: true, path: { text: formatPath(segments), segments, leaf: { kind: 'timestamp' } } };
      }
      if (last) {
        return {
          ok: false,
          message: `${name} is a group of fields; name one: ${knownFields(field.message)}`,
        };
      }
      message = field.message;
      continue;
    }
    if (!last) return { ok: false, message: `${name} is a single value; it has no fields` };
    const leaf: LeafKind | undefined =
      field.fieldKind === 'enum' ? { kind: 'enum', descriptor: field.enum } : scalarLeaf(field.scalar);
    if (!leaf) return { ok: false, message: `${name} cannot be set by a rule` };
    return { ok: true, path: { text: formatPath(segments), segments, leaf } };
  }
  return { ok: false, message: 'empty target' };
}
