/**
 * The connector contract over every fixture: each body maps to valid canonical orders, or
 * fails with the expected coded error naming the field; decoding is deterministic.
 */
import { equals } from '@bufbuild/protobuf';
import { CanonicalOrderSchema } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import { validateCanonicalOrder } from '@koppel/order-model';
import t from 'tap';
import { decodeFixture, expectedErrors, fixtureNames, splitFixture } from './fixture-files.js';

t.test('the fixture set covers valid and malformed bodies in JSON and XML', async (t) => {
  const names = fixtureNames();
  t.ok(names.length >= 10);
  t.ok(names.some((name) => name.endsWith('.xml') && expectedErrors[name] === undefined));
  for (const name of Object.keys(expectedErrors)) t.ok(names.includes(name), `${name} exists`);
});

for (const name of fixtureNames()) {
  const expected = expectedErrors[name];
  t.test(name, async (t) => {
    if (expected === undefined) {
      const orders = decodeFixture(name);
      t.ok(orders.length > 0, 'has orders');
      for (const order of orders)
        t.same(validateCanonicalOrder(order), [], `order ${order.externalId} is valid`);
      const again = decodeFixture(name);
      t.ok(
        orders.every((order, index) => {
          const other = again[index];
          return other !== undefined && equals(CanonicalOrderSchema, order, other);
        }),
        'decoding is deterministic',
      );
      return;
    }
    try {
      decodeFixture(name);
      t.fail('expected an error');
    } catch (error) {
      t.ok(isAppError(error), 'an AppError');
      t.match(error, { code: expected.code, field: expected.field });
    }
  });
}

t.test('split payloads are byte-identical on repeat', async (t) => {
  for (const name of fixtureNames().filter((n) => expectedErrors[n] === undefined)) {
    const first = splitFixture(name);
    const second = splitFixture(name);
    t.same(
      first.map((event) => [event.eventKey, Buffer.from(event.payload).toString('base64')]),
      second.map((event) => [event.eventKey, Buffer.from(event.payload).toString('base64')]),
      name,
    );
  }
});
