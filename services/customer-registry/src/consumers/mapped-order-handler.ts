import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  DebtorKind,
  MappedOrderEventSchema,
  orderKey,
  ResolvedOrderEventSchema,
  topicName,
  topics,
} from '@koppel/contracts';
import type { CustomerRepository, JourneyRepository } from '@koppel/db';
import { appError } from '@koppel/errors';
import { type IncomingMessage, type MessageBus, publishTraced } from '@koppel/kafka';
import { classifyCustomer } from '../domain/classify-customer.js';

export type MappedOrderHandlerDeps = {
  bus: MessageBus;
  customers: CustomerRepository;
  journey: JourneyRepository;
  topicPrefix: string;
};

/**
 * orders.mapped → orders.resolved: records the customer in Koppel's registry (one row per
 * tenant and normalised e-mail, by upsert) and attaches the customer reference and debtor kind.
 */
export function createMappedOrderHandler(deps: MappedOrderHandlerDeps) {
  return async (message: IncomingMessage): Promise<void> => {
    const mapped = decode(message.value);
    const order = mapped.order;
    if (!order) throw appError('DECODE_FAILED', 'orders.mapped record has no order', { field: 'order' });
    const profile = classifyCustomer(order);
    const record = await deps.customers.upsert({
      tenantId: order.tenantId,
      normalizedEmail: profile.normalizedEmail,
      kind: profile.kind === DebtorKind.COMPANY ? 'company' : 'person',
      displayName: profile.displayName,
      companyName: profile.companyName,
      firstName: profile.firstName,
      lastName: profile.lastName,
      phone: profile.phone,
      vatNumber: profile.vatNumber,
    });
    const resolved = create(ResolvedOrderEventSchema, {
      eventId: randomUUID(),
      mappedEventId: mapped.eventId,
      order,
      customer: {
        customerId: record.id,
        normalizedEmail: profile.normalizedEmail,
        kind: profile.kind,
        displayName: profile.displayName,
        contact: {
          firstName: profile.firstName,
          lastName: profile.lastName,
          email: profile.normalizedEmail,
          phone: profile.phone,
        },
      },
      resolvedAt: timestampFromDate(new Date()),
    });
    await publishTraced(deps.bus, topicName(topics.ordersResolved, deps.topicPrefix), [
      {
        key: orderKey(order.connectionId, order.externalId),
        value: toBinary(ResolvedOrderEventSchema, resolved),
      },
    ]);
    await deps.journey.record(order.connectionId, order.externalId, 'customer_resolved', {
      customerId: record.id,
      kind: record.kind,
      displayName: profile.displayName,
    });
  };
}

function decode(value: Uint8Array) {
  try {
    return fromBinary(MappedOrderEventSchema, value);
  } catch (cause) {
    throw appError('DECODE_FAILED', 'orders.mapped record is not a MappedOrderEvent', {
      field: 'value',
      cause,
    });
  }
}
