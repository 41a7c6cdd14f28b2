/**
 * Calls to Asperion go over the process's keep-alive pool of the target host (connector-sdk
 * `createTargetFetch`, issue 14): sequential calls reuse their connections, and a burst opens no
 * more than the pool's bound. The simulator counts the TCP connections it accepts.
 */
import { DEFAULT_HOST_POOL_OPTIONS } from '@koppel/connector-sdk';
import t, { type Test } from 'tap';
import { startHarness } from '../fixtures/simulator-harness.js';

async function countedHarness(t: Test) {
  const harness = await startHarness(t);
  const counter = { connections: 0 };
  harness.sim.app.server.on('connection', () => {
    counter.connections += 1;
  });
  return { ...harness, counter };
}

t.test('sequential calls, token refresh included, reuse keep-alive connections', async (t) => {
  const { connector, session, counter, sim } = await countedHarness(t);
  for (let i = 0; i < 10; i += 1) await connector.findDebtorByEmail(session, `nobody-${i}@example.com`);
  t.equal(sim.kit.inspection.list({ pathPrefix: '/v1/debtors' }).length, 10, 'ten API calls');
  // undici frees a socket a tick after its answer's body ends, so a call made straight after the
  // previous one may find it busy and open a second; from then on the two are reused.
  t.ok(counter.connections <= 2, `11 calls over ${counter.connections} keep-alive connection(s)`);
});

t.test('a burst opens at most the pool bound; plain fetch opens one per call (control)', async (t) => {
  const { connector, session, counter, sim, baseUrl } = await countedHarness(t);
  await connector.findDebtorByEmail(session, 'warm@example.com');
  // Each call is held 100 ms, so the burst's calls are in flight together.
  sim.kit.faults.configure({ latencyMs: 100 });
  const bound = DEFAULT_HOST_POOL_OPTIONS.connectionsPerHost;
  const burst = bound * 2;
  await Promise.all(
    Array.from({ length: burst }, (_, i) => connector.findDebtorByEmail(session, `b-${i}@example.com`)),
  );
  t.ok(counter.connections <= bound, `${burst} calls at once over ${counter.connections} connections`);
  counter.connections = 0;
  // Node's global dispatcher: keep-alive too, but no bound per host.
  await Promise.all(
    Array.from({ length: burst }, () =>
      fetch(`${baseUrl}/v1/debtors`).then((response) => response.arrayBuffer()),
    ),
  );
  t.ok(counter.connections > bound, `plain fetch: ${counter.connections} connections for ${burst} calls`);
});
