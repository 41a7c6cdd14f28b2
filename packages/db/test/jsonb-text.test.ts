import t from 'tap';
import { jsonbText, withoutNul } from '../src/jsonb-text.js';

t.test('NUL characters become U+FFFD in values and keys; everything else is kept', async (t) => {
  t.same(JSON.parse(jsonbText({ a: 'x\u0000y', 'k\u0000': [1, '\u0000', null, true] })), {
    a: 'x\uFFFDy',
    'k\uFFFD': [1, '\uFFFD', null, true],
  });
  const clean = { a: 'plain', n: 1.5, nested: { list: ['é', ''] } };
  t.equal(jsonbText(clean), JSON.stringify(clean));
  t.equal(withoutNul('a\u0000b\u0000'), 'a\uFFFDb\uFFFD');
});
