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

t.test('a value without NUL is passed on as it is, not copied', async (t) => {
  const clean = { a: 'plain', nested: { list: ['é', 'back\\u0000slash text'] } };
  t.equal(withoutNul(clean), clean, 'the same object');
  t.equal(jsonbText(clean), JSON.stringify(clean), 'the typed text "\\u0000" is no NUL and stays as typed');
  const deep = { a: { b: [{ c: 'x\u0000' }] } };
  t.not(withoutNul(deep), deep, 'a NUL deep inside makes a copy');
  t.same(withoutNul(deep), { a: { b: [{ c: 'x\uFFFD' }] } });
  t.same(deep, { a: { b: [{ c: 'x\u0000' }] } }, 'the input itself is left unchanged');
});

t.test('half of a surrogate pair becomes U+FFFD; whole pairs and typed escapes are kept', async (t) => {
  const stored = JSON.parse(jsonbText({ lone: 'a\ud800b', low: '\udc00', 'k\udbff': 'pair 😀 kept' }));
  t.same(stored, { lone: 'a\uFFFDb', low: '\uFFFD', 'k\uFFFD': 'pair 😀 kept' });
  const typed = { text: 'the letters \\ud800 typed, no surrogate' };
  t.equal(jsonbText(typed), JSON.stringify(typed), 'a typed backslash escape is text, kept as it is');
});
