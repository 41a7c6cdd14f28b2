/**
 * Generated Shoprenter webhook bodies per format (JSON and XML; 2,000 each in the suite, 10,000
 * with `npm run fuzz`), from the documented
 * sample changed at random: the split and the decoder either succeed or throw Koppel's coded
 * errors (AppError), never a TypeError or anything uncaught. fast-check shrinks a failure to
 * the smallest body that shows it.
 */
import { codedErrorOrOk, jsonBodies, xmlBodies } from '@koppel/connector-sdk/testing';
import fc from 'fast-check';
import t from 'tap';
import { shoprenterConnector } from '../../src/index.js';
import { contextFor, readFixture, split } from '../fixture-files.js';

const RUNS = Number(process.env.KOPPEL_FUZZ_RUNS ?? 2_000);

function splitAndDecode(contentType: string, body: string): string {
  return codedErrorOrOk(() => {
    for (const event of split({ contentType, body })) {
      if (!event.ignoredReason) shoprenterConnector.decodeOrder(event.payload, contextFor(event));
    }
  });
}

for (const format of [
  {
    name: 'JSON',
    contentType: 'application/json',
    bodies: jsonBodies(JSON.parse(readFixture('multi-order.json'))),
  },
  {
    name: 'XML',
    contentType: 'application/xml',
    bodies: xmlBodies(readFixture('company-order-confirm.xml')),
  },
]) {
  t.test(`${RUNS} generated ${format.name} webhooks: decoded, or a coded error`, async (t) => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(format.bodies, (body) => {
        const outcome = splitAndDecode(format.contentType, body);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: 20261202 },
    );
    t.ok(
      (outcomes.get('ok') ?? 0) > 0,
      'some generated bodies still decode (the generator stays near the format)',
    );
    t.ok(outcomes.size > 1, `and others are refused with codes: ${[...outcomes.keys()].join(', ')}`);
  });
}

t.test('an XML body with a DOCTYPE is refused before any entity is expanded', async (t) => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "${'&lol;'.repeat(10)}">]><orders><order><innerId>&lol9;</innerId></order></orders>`;
  t.equal(splitAndDecode('application/xml', bomb), 'MALFORMED_BODY');
  t.throws(() => split({ contentType: 'application/xml', body: bomb }), { message: /DOCTYPE/ });
});
