import { OrderStatus, PaymentStatus } from '@koppel/contracts';
import t from 'tap';
import { mapShoprenterStatus } from '../src/index.js';

t.test('maps English and Hungarian status names, ignoring case and accents', async (t) => {
  const cases: Array<[string, OrderStatus, PaymentStatus]> = [
    ['Pending', OrderStatus.PENDING, PaymentStatus.UNPAID],
    ['Függőben', OrderStatus.PENDING, PaymentStatus.UNPAID],
    ['Új megrendelés', OrderStatus.PENDING, PaymentStatus.UNPAID],
    ['Feldolgozás alatt', OrderStatus.PROCESSING, PaymentStatus.UNPAID],
    ['Shipped', OrderStatus.PROCESSING, PaymentStatus.UNPAID],
    ['Fizetve', OrderStatus.PROCESSING, PaymentStatus.PAID],
    ['PAID', OrderStatus.PROCESSING, PaymentStatus.PAID],
    ['Teljesítve', OrderStatus.COMPLETED, PaymentStatus.PAID],
    ['teljesitve', OrderStatus.COMPLETED, PaymentStatus.PAID],
    ['Completed', OrderStatus.COMPLETED, PaymentStatus.PAID],
    ['Törölve', OrderStatus.CANCELLED, PaymentStatus.UNPAID],
    ['Canceled', OrderStatus.CANCELLED, PaymentStatus.UNPAID],
    ['Refunded', OrderStatus.CANCELLED, PaymentStatus.REFUNDED],
    ['Visszatérítve', OrderStatus.CANCELLED, PaymentStatus.REFUNDED],
    ['On hold', OrderStatus.ON_HOLD, PaymentStatus.UNPAID],
    [' Felfüggesztve ', OrderStatus.ON_HOLD, PaymentStatus.UNPAID],
  ];
  for (const [text, status, paymentStatus] of cases)
    t.same(mapShoprenterStatus(text), { status, paymentStatus }, text);
});

t.test('unknown or missing names are PENDING with payment UNSPECIFIED', async (t) => {
  for (const text of ['', 'Saját státusz 42', '17']) {
    t.same(mapShoprenterStatus(text), {
      status: OrderStatus.PENDING,
      paymentStatus: PaymentStatus.UNSPECIFIED,
    });
  }
});
