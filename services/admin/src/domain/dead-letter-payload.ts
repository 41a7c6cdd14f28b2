import { type DescMessage, fromBinary, toJson } from '@bufbuild/protobuf';
import {
  DeliveryRequestSchema,
  MappedOrderEventSchema,
  OrderBookedEventSchema,
  RawOrderEventSchema,
  ResolvedOrderEventSchema,
} from '@koppel/contracts';

/**
 * The message each stage consumes (README, Topics): `mapping` reads orders.raw,
 * `customer-registry` orders.mapped, `delivery` orders.resolved, `delivery.<target>` the
 * target's delivery topic, a source's write-back orders.booked (`write-back.<source>`).
 */
function schemaOfStage(stage: string): DescMessage | undefined {
  if (stage === 'mapping') return RawOrderEventSchema;
  if (stage === 'customer-registry') return MappedOrderEventSchema;
  if (stage === 'delivery') return ResolvedOrderEventSchema;
  if (stage.startsWith('delivery.')) return DeliveryRequestSchema;
  if (stage.startsWith('write-back')) return OrderBookedEventSchema;
  return undefined;
}

/**
 * The dead letter's payload as JSON for an operator to read (pure); null when the stage is
 * unknown or the bytes are not its message (that is often why it was dead-lettered).
 */
export function decodeDeadLetterPayload(stage: string, payload: Uint8Array): unknown {
  const schema = schemaOfStage(stage);
  if (!schema) return null;
  try {
    return toJson(schema, fromBinary(schema, payload));
  } catch {
    return null;
  }
}
