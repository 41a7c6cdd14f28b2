import t from 'tap';
import { findUnstorableInput, MAX_INPUT_DEPTH } from '../../../src/openapi/unstorable-input.js';

/** `{"a": {"a": … 1 …}}`, `depth` objects deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

t.test('NUL in a string or a key is found at its path, the first in document order', async (t) => {
  t.equal(findUnstorableInput({ a: ['x', { b: 'ok' }], c: 1 }), undefined);
  t.same(findUnstorableInput({ a: ['x', 'y\u0000'], b: 'z\u0000' }), {
    path: ['a', 1],
    problem: 'must not contain the NUL character (U+0000)',
  });
  t.match(findUnstorableInput({ ok: 'x', 'k\u0000': 1 }), { path: ['k\u0000'] });
  t.match(findUnstorableInput('\u0000'), { path: [] });
});

t.test('nesting is allowed up to the limit and refused past it, however deep', async (t) => {
  t.equal(findUnstorableInput(nested(MAX_INPUT_DEPTH)), undefined, 'exactly at the limit');
  const tooDeep = findUnstorableInput(nested(MAX_INPUT_DEPTH + 1));
  t.equal(tooDeep?.path.length, MAX_INPUT_DEPTH);
  t.match(tooDeep, { problem: /deeper than 32 levels/ });
  t.match(findUnstorableInput(nested(200_000)), { problem: /deeper/ }, 'no stack overflow');
});
