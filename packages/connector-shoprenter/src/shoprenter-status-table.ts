/**
 * Shoprenter order statuses → canonical order and payment status, in one table. Shops name
 * and number their statuses themselves (ids differ per shop), so the table keys on the status
 * name (`orderHistory.statusText`) in English and Hungarian, compared without case and
 * accents. A name not in the table maps to PENDING with payment UNSPECIFIED; the source code
 * and text are always kept on the order so mapping rules can decide per shop.
 * Rule for payment: "paid"-style names (Fizetve, Paid) and completed orders (Teljesítve,
 * Completed) are PAID; refunds are REFUNDED; everything else in the table is UNPAID.
 * https://doc.shoprenter.hu/api/order.html (orderStatusDescriptions carry the names)
 */
import { OrderStatus, PaymentStatus } from '@koppel/contracts';

export type StatusMapping = { status: OrderStatus; paymentStatus: PaymentStatus };

const ROWS: ReadonlyArray<readonly [OrderStatus, PaymentStatus, readonly string[]]> = [
  [
    OrderStatus.PENDING,
    PaymentStatus.UNPAID,
    [
      'pending',
      'new',
      'awaiting payment',
      'fuggoben',
      'fuggoben levo',
      'uj',
      'uj rendeles',
      'uj megrendeles',
      'fizetesre var',
      'beerkezett',
    ],
  ],
  [
    OrderStatus.PROCESSING,
    PaymentStatus.UNPAID,
    [
      'processing',
      'processed',
      'shipped',
      'shipping',
      'feldolgozas alatt',
      'feldolgozva',
      'csomagolas alatt',
      'szallitas alatt',
      'kiszallitva',
      'futarnak atadva',
      'atadva a futarnak',
    ],
  ],
  [
    OrderStatus.PROCESSING,
    PaymentStatus.PAID,
    ['paid', 'payment received', 'fizetve', 'kifizetve', 'sikeres fizetes'],
  ],
  [
    OrderStatus.COMPLETED,
    PaymentStatus.PAID,
    ['complete', 'completed', 'delivered', 'teljesitve', 'teljesitett', 'lezarva', 'kezbesitve', 'atveve'],
  ],
  [
    OrderStatus.CANCELLED,
    PaymentStatus.UNPAID,
    [
      'canceled',
      'cancelled',
      'denied',
      'failed',
      'expired',
      'voided',
      'torolve',
      'visszavonva',
      'lemondva',
      'sztorno',
      'sztornozva',
      'elutasitva',
      'sikertelen',
      'sikertelen fizetes',
      'lejart',
    ],
  ],
  [
    OrderStatus.CANCELLED,
    PaymentStatus.REFUNDED,
    ['refunded', 'reversed', 'chargeback', 'visszaterites', 'visszateritve', 'visszafizetve'],
  ],
  [
    OrderStatus.ON_HOLD,
    PaymentStatus.UNPAID,
    ['on hold', 'hold', 'felfuggesztve', 'varakoztatva', 'visszatartva'],
  ],
];

export function normalizeStatusText(statusText: string): string {
  return statusText
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const BY_TEXT: ReadonlyMap<string, StatusMapping> = new Map(
  ROWS.flatMap(([status, paymentStatus, names]) =>
    names.map((name) => [name, { status, paymentStatus }] as const),
  ),
);

export const UNKNOWN_STATUS: StatusMapping = Object.freeze({
  status: OrderStatus.PENDING,
  paymentStatus: PaymentStatus.UNSPECIFIED,
});

export function mapShoprenterStatus(statusText: string): StatusMapping {
  return BY_TEXT.get(normalizeStatusText(statusText)) ?? UNKNOWN_STATUS;
}
