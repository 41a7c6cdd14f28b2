/**
 * One scenario of the fault matrix on a running session: N orders of M new customers sent to
 * ingest, the fault injected mid-stream, the run followed until every order is delivered (or
 * the deadline), then the checks of verify-run.ts.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type GeneratedOrder, generateOrderWebhooks, type OrderWebhook } from './order-webhooks.js';
import type { PipelineSession } from './pipeline-session.js';
import type { Scenario, ScenarioContext } from './scenarios.js';
import { type RunCounts, countDelivered, verifyRun } from './verify-run.js';
import { sendWebhooks } from './webhook-sender.js';

export type RunSize = { orders: number; customers: number; concurrency: number; timeoutMs: number };

export type ScenarioResult = {
  name: string;
  pass: boolean;
  /** From the first webhook sent to the last order delivered (or the deadline). */
  seconds: number;
  counts: RunCounts;
  problems: string[];
  /** Deployable exits nobody asked for (each was restarted). */
  crashes: number;
  /** Webhooks the shop had to send again (ingest down, 5xx). */
  resent: number;
  /** Seconds into the run when the one-off fault started, and when it was over (restart done). */
  fault?: { at: number; until: number };
};

/** What the scenario may do to the infrastructure it runs on (the rest of its context is the run's). */
type Infra = Omit<ScenarioContext, 'session' | 'target'>;

/** What the shop sends, task by task (a task's webhooks go one after the other). */
function tasksOf(scenario: Scenario, orders: GeneratedOrder[]): OrderWebhook[][] {
  if (scenario.webhooks === 'paid-before-pending') {
    // Every paid webhook first, then every stale pending one: each order's pending arrives after
    // its paid was acknowledged, while the pipeline may still be booking it, or already has.
    return [...orders.flatMap((o) => (o.paid ? [[o.paid]] : [])), ...orders.map((o) => [o.pending])];
  }
  if (scenario.webhooks === 'once') return orders.map((o) => [o.pending]);
  // Three copies of every webhook, shuffled: repeats arrive late, early and at the same instant.
  const copies = orders.flatMap((o) => [[o.pending], [o.pending], [o.pending]]);
  for (let i = copies.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copies[i], copies[j]] = [copies[j] as OrderWebhook[], copies[i] as OrderWebhook[]];
  }
  return copies;
}

export async function runScenario(
  session: PipelineSession,
  scenario: Scenario,
  size: RunSize,
  infra: Infra,
): Promise<ScenarioResult> {
  const target = await session.addTarget(scenario.rules);
  try {
    const emailPrefix = `fm-${randomBytes(4).toString('hex')}-`;
    const orders = await generateOrderWebhooks({
      orders: size.orders,
      customers: size.customers,
      emailOf: (c) => `${emailPrefix}${c}@example.nl`,
      paidAfterPending: scenario.webhooks === 'paid-before-pending',
    });
    const context: ScenarioContext = { session, target, ...infra };
    const crashesBefore = session.processes.crashes();
    const problems: string[] = [];
    const started = Date.now();
    const deadline = started + size.timeoutMs;
    const sender = sendWebhooks({
      tasks: tasksOf(scenario, orders),
      ingestUrls: session.processes.ingestUrls,
      webhookPath: target.webhookPath,
      concurrency: size.concurrency,
    });
    const taskCount = { once: 1, thrice: 3, 'paid-before-pending': 2 }[scenario.webhooks] * size.orders;
    let delivered = 0;
    let injection: Promise<void> | undefined;
    let fault: ScenarioResult['fault'];
    let lastRecurring = 0;
    while (delivered < size.orders && Date.now() < deadline) {
      delivered = await countDelivered(session.database, target.connectionId).catch(() => delivered);
      const share =
        scenario.trigger.after === 'sent' ? sender.progress().sent / taskCount : delivered / size.orders;
      if (share >= scenario.trigger.share) {
        if (scenario.inject && !injection) {
          const at = (Date.now() - started) / 1000;
          injection = scenario
            .inject(context)
            .then(() => {
              fault = { at, until: (Date.now() - started) / 1000 };
            })
            .catch((error: unknown) => {
              problems.push(`injection failed: ${error instanceof Error ? error.message : String(error)}`);
            });
        }
        const burst = scenario.recurring;
        if (burst && Date.now() - lastRecurring >= burst.everyMs) {
          burst.apply(context);
          lastRecurring = Date.now();
        } else if (burst && Date.now() - lastRecurring >= burst.forMs) {
          target.asperion.kit.faults.reset();
        }
      }
      await sleep(250);
    }
    const seconds = (Date.now() - started) / 1000;
    sender.abort();
    await sender.done;
    await injection;
    target.asperion.kit.faults.reset();
    // Late duplicates (a retry still in flight) would show in this second.
    await sleep(1500);
    const verdict = await verifyRun(session.database, target.asperion, {
      connectionId: target.connectionId,
      externalOrderIds: orders.map((o) => o.innerId),
      customers: size.customers,
      emailPrefix,
      deadLetters: scenario.expectedDeadLetters,
    });
    const refused = sender.progress().refused;
    if (refused > 0) problems.push(`${refused} webhooks refused with 4xx`);
    if (!injection && scenario.inject) problems.push('the fault was never injected');
    return {
      name: scenario.name,
      pass: verdict.pass && problems.length === 0,
      seconds,
      counts: verdict.counts,
      problems: [...verdict.problems, ...problems],
      crashes: session.processes.crashes() - crashesBefore,
      resent: sender.progress().resent,
      fault,
    };
  } finally {
    await target.close();
  }
}

/** The one line a scenario prints. */
export function formatResult(result: ScenarioResult, size: Pick<RunSize, 'orders' | 'customers'>): string {
  const c = result.counts;
  const facts = [
    `${result.seconds.toFixed(1)} s`,
    `orders=${size.orders}`,
    `documents=${c.documents}`,
    `duplicates=${c.duplicates}`,
    `debtors=${c.debtors}/${size.customers}`,
    `delivered=${c.delivered}`,
    `dead-letters=${c.deadLetters}`,
    `resent=${result.resent}`,
    `crashes=${result.crashes}`,
    ...(result.fault ? [`fault=${result.fault.at.toFixed(1)}-${result.fault.until.toFixed(1)}s`] : []),
  ].join(' ');
  const why = result.problems.length > 0 ? ` — ${result.problems.join('; ')}` : '';
  return `${result.pass ? 'PASS' : 'FAIL'} ${result.name.padEnd(30)} ${facts}${why}`;
}
