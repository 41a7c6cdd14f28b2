/**
 * The in-flight side of the never-oversell rule: `orders.mapped` in (every shop order Koppel
 * received, mapped to the canonical order with its lines and SKUs), and for each order of a
 * connection whose books/POS are this system and whose stock is on, the units of its product
 * lines recorded as held (`stock_order_holds`) until `delivery_ledger` shows it booked. A
 * cancelled order releases its hold. Runs beside the stock reader in the target's deployable.
 */
import { fromBinary } from '@bufbuild/protobuf';
import type { AnyTargetConnector } from '@koppel/connector-sdk';
import { MappedOrderEventSchema, topics } from '@koppel/contracts';
import {
  createStockHoldRepository,
  createStockSettingsRepository,
  type Database,
  type JourneyRepository,
} from '@koppel/db';
import { appError } from '@koppel/errors';
import type { IncomingMessage, MessageBus, RetryPolicy, Subscription } from '@koppel/kafka';
import { orderHoldOf, readStockSettings, stockActive } from '@koppel/stock-sync';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { Kysely } from 'kysely';
import { startPipelineConsumer } from '../pipeline-consumer.js';

export type HoldRecorderDeps = {
  db: Kysely<Database>;
  bus: MessageBus;
  topicPrefix: string;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  retry?: RetryPolicy;
};

/** How long a connection's stock switch is trusted before it is read again (ms). */
const SETTINGS_TTL_MS = 5000;

export async function startHoldRecorder(
  connector: AnyTargetConnector,
  deps: HoldRecorderDeps,
): Promise<Subscription | undefined> {
  if (!connector.stockSource) return undefined;
  const settings = createStockSettingsRepository(deps.db);
  const holds = createStockHoldRepository(deps.db);
  const cache = new Map<string, { holds: boolean; until: number }>();

  /** Whether the connection's orders hold stock here: its target is this system and stock is on. */
  async function tracked(connectionId: string): Promise<boolean> {
    const cached = cache.get(connectionId);
    if (cached && cached.until > Date.now()) return cached.holds;
    const row = await settings.find(connectionId);
    const parsed = readStockSettings({ stock: row?.stock });
    const value = !!row && row.targetSystem === connector.system && parsed.ok && stockActive(parsed.settings);
    cache.set(connectionId, { holds: value, until: Date.now() + SETTINGS_TTL_MS });
    return value;
  }

  const handler = async (message: IncomingMessage): Promise<void> => {
    const order = decode(message.value).order;
    if (!order || !(await tracked(order.connectionId))) return;
    const hold = orderHoldOf(order);
    if (hold.kind === 'release') await holds.release(order.connectionId, order.externalId);
    else await holds.recordOrder(order.connectionId, order.externalId, hold.lines);
  };

  return startPipelineConsumer({
    bus: deps.bus,
    journey: deps.journey,
    metrics: deps.metrics,
    topicPrefix: deps.topicPrefix,
    log: deps.log,
    retry: deps.retry,
    stage: `stock-holds.${connector.system}`,
    source: topics.ordersMapped,
    groupId: `koppel-stock-holds-${connector.system}`,
    handler,
  });
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
