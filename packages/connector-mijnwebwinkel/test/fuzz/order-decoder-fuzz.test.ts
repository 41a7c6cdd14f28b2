/**
 * Generated Mijnwebwinkel orders (2,000 in the suite, 10,000 with `npm run fuzz`), from an order
 * the simulator answers on `GET /orders/{n}`
 * changed at random: the decoder either decodes or throws Koppel's coded errors (AppError),
 * never a TypeError or anything uncaught (connector-sdk testing/fuzz-bodies.ts).
 */
import { codedErrorOrOk, mutatedTree } from '@koppel/connector-sdk/testing';
import fc from 'fast-check';
import t from 'tap';
import { decodeMijnwebwinkelOrder } from '../../src/index.js';
import { PARTNER_TOKEN, placeOrder, STORE_TOKEN, startSimulator } from '../support/simulator.js';

const RUNS = Number(process.env.KOPPEL_FUZZ_RUNS ?? 2_000);
const context = { connectionId: 'c1', tenantId: 't1', eventType: 'order', receivedAt: new Date() };

async function simulatorOrder(): Promise<unknown> {
  const sim = await startSimulator();
  try {
    const { number } = await placeOrder(sim);
    const response = await sim.app.inject({
      method: 'GET',
      url: `/v1/orders/${number}?token=${STORE_TOKEN}&partner_token=${PARTNER_TOKEN}`,
    });
    if (response.statusCode !== 200)
      throw new Error(`simulator answered ${response.statusCode}: ${response.body}`);
    return response.json();
  } finally {
    await sim.app.close();
  }
}

const base = await simulatorOrder();

t.test('the base order decodes', async (t) => {
  t.equal(
    codedErrorOrOk(() => decodeMijnwebwinkelOrder(Buffer.from(JSON.stringify(base)), context)),
    'ok',
  );
});

t.test(`${RUNS} generated orders: decoded, or a coded error`, async (t) => {
  const outcomes = new Map<string, number>();
  const bodies = fc.oneof(
    { weight: 9, arbitrary: mutatedTree(base).map((tree) => JSON.stringify(tree)) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  );
  fc.assert(
    fc.property(bodies, (body) => {
      const outcome = codedErrorOrOk(() => decodeMijnwebwinkelOrder(Buffer.from(body), context));
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }),
    { numRuns: RUNS, seed: 20261202 },
  );
  t.ok((outcomes.get('ok') ?? 0) > 0, 'some generated orders still decode');
  t.ok(outcomes.size > 1, `others refused with codes: ${[...outcomes.keys()].join(', ')}`);
});
