import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { IngestChannel, orderKey, RawOrderEventSchema } from '@koppel/contracts';
import type { IncomingMessage } from '@koppel/kafka';

/** One Shoprenter webhook order, normalised as ingest puts it on orders.raw (status "Fizetve": paid). */
export function shoprenterOrder(innerId: string, overrides: Record<string, unknown> = {}) {
  return {
    storeName: 'demo',
    innerId,
    email: 'anna@example.nl',
    firstname: 'Anna',
    lastname: 'de Vries',
    paymentAddress1: 'Kerkstraat 12a',
    paymentCity: 'Utrecht',
    paymentPostcode: '3511 AB',
    paymentCountryIsoCode2: 'NL',
    shippingMethodName: 'PostNL',
    shippingNetPrice: '4.13',
    shippingGrossPrice: '5.00',
    paymentMethodName: 'iDEAL',
    paymentMethodCode: 'BANK_TRANSFER',
    languageCode: 'nl',
    currency: 'EUR',
    orderHistory: { status: '5', statusText: 'Fizetve', comment: '', dateAdded: '2025-03-01 10:15:00' },
    orderProducts: {
      orderProduct: [
        { innerId: '1', name: 'Mug', sku: 'MUG-01', price: '12.40', taxRate: '21', quantity: '2' },
      ],
    },
    ...overrides,
  };
}

/** An orders.raw record as ingest publishes it, carrying `payload`. */
export function rawOrderMessage(
  connectionId: string,
  externalOrderId: string,
  payload: unknown,
  overrides: { sourceSystem?: string; tenantId?: string } = {},
): IncomingMessage {
  const event = create(RawOrderEventSchema, {
    eventId: `evt-${externalOrderId}`,
    connectionId,
    tenantId: overrides.tenantId ?? 'tenant-map',
    sourceSystem: overrides.sourceSystem ?? 'shoprenter',
    eventType: 'order_confirm',
    eventKey: `order_confirm:${externalOrderId}`,
    externalOrderId,
    contentType: 'application/json',
    payload: new TextEncoder().encode(JSON.stringify(payload)),
    receivedAt: timestampFromDate(new Date('2025-03-01T09:16:00Z')),
    channel: IngestChannel.WEBHOOK,
  });
  return bytesMessage(orderKey(connectionId, externalOrderId), toBinary(RawOrderEventSchema, event));
}

export function bytesMessage(key: string, value: Uint8Array): IncomingMessage {
  return { topic: 'orders.raw', partition: 0, offset: '1', key, value, headers: {} };
}
