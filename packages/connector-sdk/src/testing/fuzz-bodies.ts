/**
 * Generated order bodies for property-based fuzzing (fast-check): a real body of the format,
 * changed in a few random places (a field removed, replaced by a hostile value, an array item
 * doubled), or corrupted as text (cut short, a character inserted, a DOCTYPE with an entity bomb),
 * or no body of the format at all. Most stay close enough to the format to reach deep into a
 * decoder, which is where an unguarded `undefined` or a number overflow hides.
 */
import { isAppError } from '@koppel/errors';
import fc from 'fast-check';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];
type Mutation = { pathIndex: number; kind: 'delete' | 'replace' | 'double'; value: Json };

/**
 * 6,000 digits that do not repeat (xorshift32): a number as an order id past what an index row can
 * hold even compressed (a 500 from ingest before ids were checked). Repeated digits would compress.
 */
const LONG_DIGITS = (() => {
  let state = 20_261_203;
  let digits = '';
  while (digits.length < 6000) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    digits += String((state >>> 0) % 10);
  }
  return digits;
})();

/**
 * Values that broke parsers before: empty, signs, exponents, huge, non-ASCII digits, markup; and
 * text Postgres refuses (NUL, half a surrogate pair) or cannot index (too long for an index row).
 */
const HOSTILE_TEXT = [
  '',
  ' ',
  '-1',
  '0',
  '-0',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '9999999999999999999999999',
  '0.000000001',
  '12,50',
  '0x1F',
  '١٢٣',
  'null',
  'undefined',
  '<b>',
  '\u0000',
  '\ud800',
  'a\udfffb',
  '\uFEFF',
  LONG_DIGITS,
  `${'x'.repeat(300)}@example.nl`,
  '2025-02-30',
  '99:99:99',
  'x'.repeat(5000),
];

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant<Json>(null),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/** Every path to a value inside `tree`, the root excluded. */
function pathsOf(tree: Json, prefix: Path = []): Path[] {
  if (tree === null || typeof tree !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(tree)
    ? tree.map((value, index) => [index, value])
    : Object.entries(tree);
  return entries.flatMap(([key, value]) => [[...prefix, key], ...pathsOf(value, [...prefix, key])]);
}

function applyMutation(tree: Json, path: Path, mutation: Mutation): void {
  let parent: Json = tree;
  for (const key of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return;
    parent = (parent as Record<string | number, Json>)[key] ?? null;
  }
  const last = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || last === undefined) return;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (last >= parent.length) return;
    if (mutation.kind === 'delete') parent.splice(last, 1);
    else if (mutation.kind === 'double') parent.splice(last, 0, structuredClone(parent[last] ?? null));
    else parent[last] = mutation.value;
    return;
  }
  const record = parent as Record<string, Json>;
  if (!(String(last) in record)) return;
  if (mutation.kind === 'delete') delete record[String(last)];
  else if (mutation.kind === 'double') record[String(last)] = [structuredClone(record[String(last)] ?? null)];
  else record[String(last)] = mutation.value;
}

/** `base` with one to four random changes at random places. */
export function mutatedTree(base: unknown): fc.Arbitrary<unknown> {
  const root = structuredClone(base) as Json;
  const paths = pathsOf(root);
  if (paths.length === 0) return fc.constant(root);
  const mutation = fc.record({
    pathIndex: fc.nat(paths.length - 1),
    kind: fc.constantFrom('delete' as const, 'replace' as const, 'double' as const),
    value: hostileValue,
  });
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
    const tree = structuredClone(root);
    for (const m of mutations) {
      const path = paths[m.pathIndex];
      if (path) applyMutation(tree, path, m);
    }
    return tree;
  });
}

/** The text cut short, or with a character inserted, at a random place. */
function corruptedText(text: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat(text.length).map((at) => text.slice(0, at)),
    fc
      .tuple(fc.nat(text.length), fc.constantFrom('<', '>', '"', '{', '}', '&', ',', '\\', '\u0000', ']]>'))
      .map(([at, inserted]) => `${text.slice(0, at)}${inserted}${text.slice(at)}`),
  );
}

/** Generated JSON bodies: mostly `base` mutated, some corrupted text, some arbitrary JSON or text. */
export function jsonBodies(base: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(base);
  return fc.oneof(
    { weight: 14, arbitrary: mutatedTree(base).map((tree) => JSON.stringify(tree)) },
    { weight: 3, arbitrary: corruptedText(text) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
}

const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true });
const xmlBuilder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false });

/** An entity bomb: refused before any parser expands it (untrusted-xml.ts). */
export const ENTITY_BOMB_PROLOGUE =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';

/** Generated XML bodies: `base` (an XML text) parsed, mutated and rebuilt; corrupted; or arbitrary. */
export function xmlBodies(base: string): fc.Arbitrary<string> {
  const tree = xmlParser.parse(base) as unknown;
  return fc.oneof(
    { weight: 14, arbitrary: mutatedTree(tree).map((mutated) => String(xmlBuilder.build(mutated))) },
    { weight: 3, arbitrary: corruptedText(base) },
    {
      weight: 1,
      arbitrary: fc.constant(`${ENTITY_BOMB_PROLOGUE}${base.replace(/^<\?xml[^>]*\?>/, '')}`),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => `<?xml version="1.0"?>${s}`) },
  );
}

/**
 * Runs `decode` and lets only Koppel's coded errors through: anything else (a TypeError from an
 * unguarded field, a RangeError) is rethrown so the property fails with the body that caused it.
 * Resolves with the error code, or `ok`.
 */
export function codedErrorOrOk(decode: () => unknown): string {
  try {
    decode();
    return 'ok';
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}
