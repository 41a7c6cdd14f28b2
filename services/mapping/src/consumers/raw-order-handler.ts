import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary, toJson } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  CanonicalOrderSchema,
  MappedOrderEventSchema,
  orderKey,
  RawOrderEventSchema,
  topicName,
  topics,
} from '@koppel/contracts';
import { findSourceConnector } from '@koppel/connector-registry';
import type { ConnectionRepository, JourneyRepository } from '@koppel/db';
import { appError } from '@koppel/errors';
import { type IncomingMessage, type MessageBus, publishTraced } from '@koppel/kafka';
import type { ServiceMetrics } from '@koppel/telemetry';
import { applyMappingRules, fieldRuleFailed, invalidMappingRule } from '@koppel/mapping-rules';
import { cleanOrderText } from '@koppel/order-model';
import { connectionRulesSchema } from '../domain/connection-rules.js';

export type RawOrderHandlerDeps = {
  bus: MessageBus;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
};

/**
 * orders.raw → orders.mapped: decode with the source connector, apply the connection's rules
 * (status filter, value maps, field rules; @koppel/mapping-rules), publish the canonical order.
 * A filtered order is journaled as skipped with its reason; an undecodable one, or one a field
 * rule fails on, throws a permanent AppError and the runner dead-letters it.
 */
export function createRawOrderHandler(deps: RawOrderHandlerDeps) {
  return async (message: IncomingMessage): Promise<void> => {
    const raw = decodeRaw(message.value);
    const connector = findSourceConnector(raw.sourceSystem);
    if (!connector) {
      throw appError('DECODE_FAILED', `no source connector for "${raw.sourceSystem}"`, {
        field: 'sourceSystem',
      });
    }
    const connection = await deps.connections.find(raw.connectionId);
    if (!connection) {
      throw appError('NOT_FOUND', `connection ${raw.connectionId} no longer exists`, {
        field: 'connectionId',
      });
    }
    // Control characters and half surrogate pairs in names, addresses and notes are removed here,
    // once for every stage and target after it (order-model `cleanOrderText`).
    const decoded = cleanOrderText(
      connector.decodeOrder(raw.payload, {
        connectionId: raw.connectionId,
        tenantId: raw.tenantId,
        eventType: raw.eventType,
        receivedAt: raw.receivedAt ? timestampDate(raw.receivedAt) : new Date(),
      }),
    );
    const rules = connectionRulesSchema.safeParse(connection.rules);
    if (!rules.success) {
      throw appError('VALIDATION_FAILED', `connection rules are invalid: ${rules.error.message}`, {
        field: `rules.${rules.error.issues[0]?.path.join('.') ?? ''}`,
      });
    }
    const outcome = await applyMappingRules(decoded, rules.data);
    // Rules that no longer compile, or a rule the order makes fail: dead-lettered naming the rule.
    if (outcome.kind === 'rules-invalid') throw invalidMappingRule('rules.fieldRules', outcome.issues);
    if (outcome.kind === 'invalid') throw fieldRuleFailed('rules.fieldRules', outcome);
    if (outcome.kind === 'skip') {
      deps.metrics.ordersTotal.inc({
        stage: 'mapping',
        result: 'skipped',
        system: raw.sourceSystem,
        connection: raw.connectionId,
      });
      await deps.journey.record(raw.connectionId, raw.externalOrderId, 'skipped', { reason: outcome.reason });
      return;
    }
    const mapped = create(MappedOrderEventSchema, {
      eventId: randomUUID(),
      rawEventId: raw.eventId,
      order: outcome.order,
      mappedAt: timestampFromDate(new Date()),
    });
    await publishTraced(deps.bus, topicName(topics.ordersMapped, deps.topicPrefix), [
      {
        key: orderKey(raw.connectionId, outcome.order.externalId),
        value: toBinary(MappedOrderEventSchema, mapped),
      },
    ]);
    deps.metrics.ordersTotal.inc({
      stage: 'mapping',
      result: 'mapped',
      system: raw.sourceSystem,
      connection: raw.connectionId,
    });
    await deps.journey.record(raw.connectionId, raw.externalOrderId, 'mapped', {
      eventId: mapped.eventId,
      order: toJson(CanonicalOrderSchema, outcome.order),
    });
  };
}

function decodeRaw(value: Uint8Array) {
  try {
    return fromBinary(RawOrderEventSchema, value);
  } catch (cause) {
    throw appError('DECODE_FAILED', 'orders.raw record is not a RawOrderEvent', { field: 'value', cause });
  }
}
