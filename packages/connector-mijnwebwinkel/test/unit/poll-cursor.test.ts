import { isAppError } from '@koppel/errors';
import t from 'tap';
import { cursorFor, describeCursor, formatCursor, initialCursor, parseCursor } from '../../src/index.js';

t.test('an order number sets the next order number to import', async (t) => {
  const cursor = cursorFor({ orderNumber: ' 1042 ' });
  t.same(parseCursor(cursor), { next: 1042, low: 1042, seen: [] });
  t.equal(describeCursor(cursor), 'next order number to import: 1042');
});

t.test('a moment or a new connection: the first order placed from then on', async (t) => {
  const since = cursorFor({ since: new Date('2025-03-01T00:00:00Z') });
  t.equal(
    describeCursor(since),
    'next order number to import: the first order placed from 2025-03-01T00:00:00.000Z on',
  );
  t.same(parseCursor(initialCursor(new Date('2025-03-02T00:00:00Z'))), {
    since: '2025-03-02T00:00:00.000Z',
    seen: [],
  });
});

t.test('the whole cursor round-trips and reads as words', async (t) => {
  const cursor = {
    next: 1045,
    low: 1001,
    from: '2025-03-01',
    changed: '2025-03-01 14:05:09',
    seen: [1040, 1041],
  };
  t.same(parseCursor(formatCursor(cursor)), cursor);
  t.equal(
    describeCursor(formatCursor(cursor)),
    'next order number to import: 1045 (status changes of orders 1001–1044 followed since 2025-03-01 14:05:09, shop time)',
  );
});

t.test('what is no position is refused with the field', async (t) => {
  for (const [reset, field] of [
    [{ orderNumber: 'T-12' }, 'orderNumber'],
    [{ orderNumber: '0' }, 'orderNumber'],
    [{ since: new Date('x') }, 'since'],
  ] as const) {
    try {
      cursorFor(reset);
      t.fail('expected VALIDATION_FAILED');
    } catch (error) {
      t.ok(isAppError(error) && error.code === 'VALIDATION_FAILED' && error.field === field, field);
    }
  }
  t.throws(() => parseCursor('next=1&since=2025-01-01'), 'next and since together');
  t.throws(() => parseCursor('next=1&changed=yesterday'));
});
