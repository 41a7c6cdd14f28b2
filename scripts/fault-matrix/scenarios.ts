/**
 * The fault matrix: one fault per scenario, injected while the orders stream through the pipeline.
 * A scenario says what it runs on (replicas, a private broker or database it may restart), how the
 * shop sends (once, three times, paid before pending), when the fault starts and what it does.
 */
import { deliveryTopicFor, topicName, topics } from '@koppel/contracts';
import type { Deployable } from './deployable-processes.js';
import type { PipelineSession, ScenarioTarget } from './pipeline-session.js';

export type ScenarioContext = {
  session: PipelineSession;
  target: ScenarioTarget;
  /** Stops and starts the broker / database the scenario runs on (private instances only). */
  restartKafka(): Promise<void>;
  restartPostgres(): Promise<void>;
  /** Crashes it (kill -9 / immediate stop) and starts it again (private instances only). */
  crashKafka(): Promise<void>;
  crashPostgres(): Promise<void>;
  /** Timeout of one target request the connectors use (ms). */
  targetRequestTimeoutMs: number;
};

export type Scenario = {
  name: string;
  replicas: number;
  /** `private-kafka` / `private-postgres`: the scenario restarts it, so it must be the run's own. */
  infra: 'any' | 'private-kafka' | 'private-postgres';
  webhooks: 'once' | 'thrice' | 'paid-before-pending';
  rules: Record<string, unknown>;
  /** The fault starts once this share of the orders was sent / is delivered. */
  trigger: { after: 'sent' | 'delivered'; share: number };
  inject?: (context: ScenarioContext) => Promise<void>;
  /**
   * A burst every `everyMs` until the run is over: `apply` at its start, the faults cleared
   * `forMs` later (a time window, so a slow pipeline sees an outage of the same length).
   */
  recurring?: { everyMs: number; forMs: number; apply(context: ScenarioContext): void };
  /** Records the scenario itself makes undeliverable. */
  expectedDeadLetters: number;
};

const base = {
  replicas: 1,
  infra: 'any',
  webhooks: 'once',
  rules: {},
  trigger: { after: 'delivered', share: 0.25 },
  expectedDeadLetters: 0,
} as const satisfies Omit<Scenario, 'name'>;

function killEach(name: Deployable): Scenario {
  return {
    ...base,
    name: `kill -9 ${name}`,
    // Ingest is killed while the shop is still sending; the others while orders are in flight.
    trigger: name === 'ingest' ? { after: 'sent', share: 0.3 } : base.trigger,
    inject: async ({ session }) => session.processes.kill(name),
  };
}

const POISON_TOPICS = [
  topics.ordersRaw,
  topics.ordersMapped,
  topics.ordersResolved,
  deliveryTopicFor('asperion'),
];

export const scenarios: readonly Scenario[] = [
  { ...base, name: 'baseline' },
  killEach('ingest'),
  killEach('mapping'),
  killEach('customer-registry'),
  killEach('delivery'),
  killEach('connector-asperion'),
  { ...base, name: 'kafka broker restart', infra: 'private-kafka', inject: (c) => c.restartKafka() },
  { ...base, name: 'postgres restart', infra: 'private-postgres', inject: (c) => c.restartPostgres() },
  // Crashes while the shop is still sending: webhooks meet the outage at ingest (503, sent again).
  {
    ...base,
    name: 'kafka broker kill -9',
    infra: 'private-kafka',
    trigger: { after: 'sent', share: 0.3 },
    inject: (c) => c.crashKafka(),
  },
  {
    ...base,
    name: 'postgres crash',
    infra: 'private-postgres',
    trigger: { after: 'sent', share: 0.3 },
    inject: (c) => c.crashPostgres(),
  },
  {
    ...base,
    name: 'target 5xx bursts',
    trigger: { after: 'delivered', share: 0 },
    recurring: {
      everyMs: 5000,
      forMs: 1500,
      apply: ({ target }) =>
        target.asperion.kit.faults.configure({
          rules: [{ kind: 'fail', pathPrefix: '/v1/', status: 503, count: 1_000_000 }],
        }),
    },
  },
  {
    ...base,
    name: 'target 429 Retry-After',
    trigger: { after: 'delivered', share: 0 },
    recurring: {
      everyMs: 5000,
      forMs: 1000,
      apply: ({ target }) =>
        target.asperion.kit.faults.configure({
          rules: [{ kind: 'fail', pathPrefix: '/v1/', status: 429, retryAfterSeconds: 1, count: 1_000_000 }],
        }),
    },
  },
  {
    ...base,
    name: 'target succeed-then-timeout',
    trigger: { after: 'delivered', share: 0 },
    recurring: {
      everyMs: 3000,
      forMs: 3000,
      apply: ({ target, targetRequestTimeoutMs }) =>
        target.asperion.kit.faults.configure({
          rules: [
            {
              kind: 'succeed-then-timeout',
              method: 'POST',
              path: '/v1/salesinvoiceswithlines',
              count: 3,
              holdMs: targetRequestTimeoutMs + 2000,
            },
            {
              kind: 'succeed-then-timeout',
              method: 'POST',
              path: '/v1/debtors',
              count: 1,
              holdMs: targetRequestTimeoutMs + 2000,
            },
          ],
        }),
    },
  },
  { ...base, name: 'webhook x3', webhooks: 'thrice' },
  {
    ...base,
    name: 'paid before pending',
    webhooks: 'paid-before-pending',
    rules: { statusFilter: { allowedPaymentStatuses: ['PAID'] } },
  },
  {
    ...base,
    name: 'poison records',
    // One dead letter per consumer group that reads a poisoned topic: orders.mapped is read by
    // customer-registry and by the connector's stock-hold recorder (`stock-holds.asperion`).
    expectedDeadLetters: POISON_TOPICS.length + 1,
    inject: async ({ session, target }) => {
      for (const [index, spec] of POISON_TOPICS.entries()) {
        await session.bus.publish(topicName(spec, session.topicPrefix), [
          { key: `${target.connectionId}:poison-${index}`, value: new Uint8Array([0xff, 0x00, 0x13, 0x37]) },
        ]);
      }
    },
  },
  { ...base, name: 'two replicas', replicas: 2 },
];

/** The scenarios named in `FAULT_MATRIX_SCENARIOS` (comma separated, a name or a part of one). */
export function selectScenarios(filter: string | undefined): Scenario[] {
  const wanted = (filter ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (wanted.length === 0) return [...scenarios];
  return scenarios.filter((s) => wanted.some((w) => s.name.toLowerCase().includes(w)));
}
