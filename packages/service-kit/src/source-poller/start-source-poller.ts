import { performance } from 'node:perf_hooks';
import type { SessionOptions } from '@koppel/connector-registry';
import type { AnySourceConnector, PollCapability } from '@koppel/connector-sdk';
import { IngestChannel } from '@koppel/contracts';
import type { Connection, ConnectionRepository, PollClaim, PollScheduleRepository } from '@koppel/db';
import { toAppError } from '@koppel/errors';
import { admitSourceEvents, type OrderIntakeDeps } from '@koppel/order-intake';
import type { ServiceMetrics } from '@koppel/telemetry';
import {
  CONNECTION_SCHEDULE_DEFAULTS,
  type ConnectionScheduleOptions,
  claimsOfSourceSystem,
  resolveScheduleOptions,
  startConnectionScheduleLoop,
} from '../connection-schedule/connection-schedule-loop.js';
import { backOffClaim, journalClaimFailure } from '../connection-schedule/fail-claim.js';
import type { HeldLease } from '../connection-schedule/hold-lease.js';
import { createPollerMetrics } from './poller-metrics.js';
import { measuredSessionCache } from '../measured-session-options.js';

/**
 * Journey entries of the poller itself (a failed poll) are kept under this external order id,
 * so the admin API's journey view of the connection shows them beside its orders.
 */
export const POLLER_JOURNEY_ORDER_ID = '_poller';

type Log = { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };

export type SourcePollerDeps = ConnectionScheduleOptions & {
  connections: ConnectionRepository;
  schedules: PollScheduleRepository;
  /** Bus, inbox, journey and topic prefix, as ingest admits webhooks. */
  intake: OrderIntakeDeps;
  metrics: ServiceMetrics;
  log: Log;
  /** Request timeout, fetch and clock of the connector sessions. */
  session?: SessionOptions;
};

export type SourcePoller = {
  /** One round now (sync if due, claim, poll); the loop calls it, tests may too. */
  tick(): Promise<void>;
  /**
   * Stops the loop and ends the polls under way at their next request (their leases freed, their
   * cursors unchanged, so the next start polls the same page again); a poll whose events are
   * being admitted finishes and stores its cursor.
   */
  stop(): Promise<void>;
};

/**
 * Polls every active connection of one source system whose settings turn polling on. A poll's
 * events go through the shared order intake (inbox dedupe, `orders.raw`), and only then does the
 * cursor move (`advance`, fenced by the lease token and the cursor version), so a crash between
 * the two re-polls and the inbox drops what was already admitted. Failures back off
 * exponentially (capped, at least the source's Retry-After) and are recorded in the journey. A
 * stop is not a failure: it ends the requests under way and frees the leases.
 */
export function startSourcePoller(connector: AnySourceConnector, deps: SourcePollerDeps): SourcePoller {
  const poller = requirePoller(connector);
  const system = connector.system;
  const options = resolveScheduleOptions(deps, CONNECTION_SCHEDULE_DEFAULTS);
  const stopping = new AbortController();
  const sessions = measuredSessionCache(connector, 'source', 'poll', {
    ...deps,
    stopSignal: stopping.signal,
  });
  const metrics = createPollerMetrics(deps.metrics);

  /** Polling settings of a connection of this system; undefined when it is not to be polled. */
  function pollingOf(connection: Connection): { intervalSeconds: number } | undefined {
    if (!connection.active || connection.sourceSystem !== system) return undefined;
    const settings = connector.settingsSchema.safeParse(connection.sourceSettings);
    if (!settings.success) return undefined;
    const polling = connector.pollingEnabled?.(settings.data) ?? {
      enabled: poller.role === 'primary',
      intervalSeconds: 300,
    };
    return polling.enabled ? { intervalSeconds: polling.intervalSeconds } : undefined;
  }

  async function syncSchedules(): Promise<void> {
    for (const connection of await deps.connections.list()) {
      const polling = pollingOf(connection);
      if (polling) {
        await deps.schedules.ensure(connection.id, poller.initialCursor(new Date()), polling.intervalSeconds);
      }
    }
  }

  async function pollOne(claim: PollClaim, holdLease: () => HeldLease): Promise<void> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const connection = await deps.connections.find(claim.connectionId);
    if (!connection || !pollingOf(connection)) {
      await deps.schedules.remove(claim.connectionId);
      sessions.forget(claim.connectionId);
      return;
    }
    const lease = holdLease();
    try {
      const session = await sessions.sessionFor(connection.id);
      const result = await poller.poll(session, claim.cursor);
      if (lease.lost()) {
        metrics.polled(system, 'lease_lost', seconds());
        deps.log.warn({ connectionId: connection.id }, 'poll lease lost; results left to the next poll');
        return;
      }
      const admission = await admitSourceEvents(
        deps.intake,
        connection,
        { channel: IngestChannel.POLL, contentType: 'application/json' },
        result.events,
      );
      const stored = await deps.schedules.advance(claim, result.nextCursor, result.more);
      metrics.admitted(system, admission.accepted, admission.duplicates);
      metrics.polled(system, stored ? 'ok' : 'lease_lost', seconds());
      if (admission.accepted > 0 || !stored) {
        deps.log.info({ connectionId: connection.id, ...admission, more: result.more, stored }, 'polled');
      }
    } catch (thrown) {
      if (stopping.signal.aborted) {
        await deps.schedules.release(claim);
        metrics.polled(system, 'stopped', seconds());
        deps.log.info(
          { connectionId: connection.id },
          'poll cut short by a stop; the cursor is unchanged and the next start polls again',
        );
        return;
      }
      const error = toAppError(thrown);
      const retryInSeconds = await backOffClaim(deps.schedules.fail, claim, error, options.backoff);
      metrics.polled(system, 'failed', seconds());
      await journalClaimFailure(
        { journey: deps.intake.journey, log: deps.log },
        {
          claim,
          journeyOrderId: POLLER_JOURNEY_ORDER_ID,
          kind: 'poll_failed',
          system,
          error,
          retryInSeconds,
          detail: { field: error.field ?? null },
        },
      );
    } finally {
      lease.release();
    }
  }

  const loop = startConnectionScheduleLoop({
    ...options,
    ...claimsOfSourceSystem(deps.schedules, system),
    name: 'poll',
    log: deps.log,
    syncSchedules,
    work: pollOne,
  });
  return {
    tick: loop.tick,
    async stop() {
      stopping.abort(new Error('the source poller is stopping'));
      await loop.stop();
    },
  };
}

function requirePoller(connector: AnySourceConnector): PollCapability<unknown> {
  if (!connector.poller) throw new Error(`source connector ${connector.system} has no poll capability`);
  return connector.poller;
}
