/**
 * Ingest under generated webhook bodies per Shoprenter format (JSON, XML), built from a
 * documented sample changed at random (connector-sdk testing/fuzz-bodies.ts). Every answer is
 * 2xx, or a 4xx problem+json naming its code; never a 5xx, never a crash. Accepted bodies land in
 * the inbox and the journey as usual (real Postgres), so the properties cover the whole request
 * path. The suite runs 500 per format (each accepted body costs real writes) and the decoders
 * 2,000 per format in each source connector's test/fuzz; `npm run fuzz` runs 10,000 of each
 * (KOPPEL_FUZZ_RUNS).
 */
import { readFileSync } from 'node:fs';
import { ENTITY_BOMB_PROLOGUE, jsonBodies, xmlBodies } from '@koppel/connector-sdk/testing';
import fc from 'fast-check';
import t from 'tap';
import { startIngestHarness } from '../support/ingest-harness.js';

const RUNS = Number(process.env.KOPPEL_FUZZ_RUNS ?? 500);
const fixture = (name: string) =>
  readFileSync(
    new URL(`../../../../packages/connector-shoprenter/test/fixtures/shoprenter/${name}`, import.meta.url),
    'utf8',
  );

const harness = await startIngestHarness(t, { database: 'postgres' });
// A body limit above every generated body: a 413 would be right, but it would hide the parser.
const app = await harness.buildApp({ bodyLimitBytes: 1_000_000 });
const connection = await harness.createConnection();

type Answer = { status: number; contentType: string; code?: unknown };

async function post(contentType: string, body: string): Promise<Answer> {
  const response = await app.inject({
    method: 'POST',
    url: connection.url,
    headers: { 'content-type': contentType },
    payload: body,
  });
  const answerType = String(response.headers['content-type'] ?? '');
  const code = answerType.startsWith('application/problem+json') ? response.json().code : undefined;
  return { status: response.statusCode, contentType: answerType, code };
}

for (const format of [
  {
    name: 'JSON',
    contentType: 'application/json',
    bodies: jsonBodies(JSON.parse(fixture('multi-order.json'))),
  },
  { name: 'XML', contentType: 'application/xml', bodies: xmlBodies(fixture('company-order-confirm.xml')) },
]) {
  t.test(`${RUNS} generated ${format.name} webhooks: 2xx, or 4xx problem+json, never 5xx`, async (t) => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(format.bodies, async (body) => {
        const answer = await post(format.contentType, body);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 200 && answer.status < 300) return;
        if (answer.status < 400 || answer.status >= 500) {
          throw new Error(`ingest answered ${answer.status} (${String(answer.code)})`);
        }
        if (!answer.contentType.startsWith('application/problem+json') || typeof answer.code !== 'string') {
          throw new Error(`a ${answer.status} without a problem body naming its code`);
        }
      }),
      { numRuns: RUNS, seed: 20261202 },
    );
    t.ok((statuses.get(202) ?? 0) > 0, 'some generated webhooks are accepted');
    t.ok(
      [...statuses.keys()].some((s) => s >= 400),
      `others refused: ${JSON.stringify([...statuses])}`,
    );
  });
}

t.test('an entity bomb is refused at once with a problem naming the body', async (t) => {
  const body = `${ENTITY_BOMB_PROLOGUE}<orders><order><innerId>&lol3;</innerId></order></orders>`;
  const started = process.hrtime.bigint();
  const response = await app.inject({
    method: 'POST',
    url: connection.url,
    headers: { 'content-type': 'application/xml' },
    payload: body,
  });
  t.equal(response.statusCode, 400);
  t.match(response.json(), { code: 'MALFORMED_BODY', field: 'body', detail: /DOCTYPE/ });
  t.ok(process.hrtime.bigint() - started < 5_000_000_000n, 'answered without expanding anything');
});

t.test('a NUL character in a field is accepted and journaled, not a 500', async (t) => {
  const order = JSON.parse(fixture('multi-order.json'));
  order.orders.order[0].orderHistory = '\u0000';
  const response = await app.inject({
    method: 'POST',
    url: connection.url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(order),
  });
  t.equal(response.statusCode, 202, 'accepted: the payload itself is kept as bytes');
});
