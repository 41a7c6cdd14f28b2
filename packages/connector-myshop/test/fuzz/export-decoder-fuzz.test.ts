/**
 * Generated myShop order exports (2,000 in the suite, 10,000 with `npm run fuzz`), from the
 * export XML the simulator answers, changed at
 * random (a tree mutated and rebuilt, text cut or corrupted, a DOCTYPE entity bomb): the export
 * parser and the decoder either succeed or throw Koppel's coded errors (AppError), never a
 * TypeError or anything uncaught (connector-sdk testing/fuzz-bodies.ts).
 */
import { codedErrorOrOk, createCountingServices, xmlBodies } from '@koppel/connector-sdk/testing';
import fc from 'fast-check';
import t from 'tap';
import { createMyshopClient, decodeMyshopOrder, myshopSettingsSchema, parseExport } from '../../src/index.js';
import { companyOrder, connectionTo, PRIVATE_KEY, placeOrder, startSim } from '../sim-connection.js';

const RUNS = Number(process.env.KOPPEL_FUZZ_RUNS ?? 2_000);
const context = { connectionId: 'c1', tenantId: 't1', eventType: 'order_changed', receivedAt: new Date() };

async function simulatorExport(): Promise<string> {
  const running = await startSim();
  try {
    await placeOrder(running.sim, { ...companyOrder(1), placed_at: '2025-03-01T13:05:09Z' });
    await placeOrder(running.sim, { ...companyOrder(2), placed_at: '2025-03-01T14:05:09Z' });
    const settings = myshopSettingsSchema.parse(connectionTo(running.baseUrl).settings);
    const client = createMyshopClient(settings, { privateKey: PRIVATE_KEY }, createCountingServices());
    return await client.ordersSince('20250301000000');
  } finally {
    await running.close();
  }
}

function parseAndDecode(xml: string): string {
  return codedErrorOrOk(() => {
    for (const tree of parseExport(xml)) decodeMyshopOrder(Buffer.from(JSON.stringify(tree)), context);
  });
}

const base = await simulatorExport();

t.test('the base export holds two orders that decode', async (t) => {
  t.equal(parseExport(base).length, 2);
  t.equal(parseAndDecode(base), 'ok');
});

t.test(`${RUNS} generated exports: decoded, or a coded error`, async (t) => {
  const outcomes = new Map<string, number>();
  fc.assert(
    fc.property(xmlBodies(base), (xml) => {
      const outcome = parseAndDecode(xml);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }),
    { numRuns: RUNS, seed: 20261202 },
  );
  t.ok((outcomes.get('ok') ?? 0) > 0, 'some generated exports still decode');
  t.ok(outcomes.size > 1, `others refused with codes: ${[...outcomes.keys()].join(', ')}`);
});
