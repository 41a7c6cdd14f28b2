import t from 'tap';
import {
  type PipelineSession,
  startInProcessSession,
} from '../../../../scripts/fault-matrix/pipeline-session.js';
import {
  formatResult,
  type ScenarioResult,
  runScenario,
} from '../../../../scripts/fault-matrix/run-scenario.js';
import { type Scenario, scenarios } from '../../../../scripts/fault-matrix/scenarios.js';

/**
 * The fault matrix of `npm run fault-matrix` in a small form, on the shared broker and database
 * (nothing is restarted). To stay fast, the pipeline runs in this process (the e2e harness) and
 * only the deployable that delivers to the target, connector-asperion, runs as its own process,
 * the one killed with -9 (the script runs every deployable as a process). Four scenarios run at
 * the same time on that pipeline, each with its own connection and permissive Asperion simulator,
 * so each count is exactly its own orders; the kill therefore also hits the other three.
 */
const SIZE = { orders: 120, customers: 12, concurrency: 8, timeoutMs: 150_000 };
const SMALL = { ...SIZE, orders: 30, customers: 6 };
const TARGET_TIMEOUT_MS = 2000;

function scenario(name: string): Scenario {
  const found = scenarios.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario "${name}"`);
  return found;
}

type Run = { scenario: Scenario; size: typeof SIZE };
const runs: Run[] = [
  { scenario: scenario('kill -9 connector-asperion'), size: SIZE },
  { scenario: scenario('webhook x3'), size: SMALL },
  { scenario: scenario('target 5xx bursts'), size: SMALL },
  // A stale pending webhook skipped after the booking must leave the order delivered.
  { scenario: scenario('paid before pending'), size: SMALL },
];

let session: PipelineSession | undefined;
let results: ScenarioResult[] = [];
t.before(async () => {
  session = await startInProcessSession({
    own: ['connector-asperion'],
    targetRequestTimeoutMs: TARGET_TIMEOUT_MS,
  });
  const running = session;
  const never = () => Promise.reject(new Error('the shared infrastructure is never restarted'));
  results = await Promise.all(
    runs.map((run) =>
      runScenario(running, run.scenario, run.size, {
        restartKafka: never,
        restartPostgres: never,
        crashKafka: never,
        crashPostgres: never,
        targetRequestTimeoutMs: TARGET_TIMEOUT_MS,
      }),
    ),
  );
});
t.teardown(async () => session?.close());

for (const [index, run] of runs.entries()) {
  t.test(`${run.scenario.name}: ${run.size.orders} orders, ${run.size.customers} customers`, async (t) => {
    const result = results[index];
    if (!result) throw new Error('the scenario did not run');
    t.comment(formatResult(result, run.size));
    t.equal(result.counts.documents, run.size.orders, 'one document per order in the target');
    t.equal(result.counts.duplicates, 0, 'no document number twice');
    t.equal(result.counts.debtors, run.size.customers, 'one debtor per customer');
    t.equal(result.counts.delivered, run.size.orders, "every order's journey ends delivered");
    t.equal(result.counts.summaryNotDelivered, 0, 'and the admin API says delivered');
    t.equal(result.counts.deadLetters, 0, 'nothing dead-lettered');
    t.same(result.problems, [], 'no problem');
  });
}
