import t from 'tap';
import { diffJson } from '../../../src/domain/json-diff.js';

t.test('leaf differences are listed with their paths', async (t) => {
  const before = { outcome: 'prepared', request: { body: { lines: [{ d: 'Mok' }, { d: 'Thee' }], n: 1 } } };
  const after = { outcome: 'prepared', request: { body: { lines: [{ d: 'MOK' }], n: 1, extra: true } } };
  t.same(diffJson(before, after), [
    { path: 'request.body.lines[0].d', kind: 'changed', before: 'Mok', after: 'MOK' },
    { path: 'request.body.lines[1]', kind: 'removed', before: { d: 'Thee' } },
    { path: 'request.body.extra', kind: 'added', after: true },
  ]);
});

t.test('equal values give no difference; a changed type is one change', async (t) => {
  t.same(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] }), []);
  t.same(diffJson({ a: { b: 1 } }, { a: 'text' }), [
    { path: 'a', kind: 'changed', before: { b: 1 }, after: 'text' },
  ]);
  t.same(diffJson({ a: undefined }, { a: 2 }), [{ path: 'a', kind: 'added', after: 2 }]);
});
