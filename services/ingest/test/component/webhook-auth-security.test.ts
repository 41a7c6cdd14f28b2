import { createAuthFailureRepository } from '@koppel/db';
import t from 'tap';
import { startIngestHarness, shoprenterOrder, webhookBody } from '../support/ingest-harness.js';

// Two ingest apps on one real Postgres database: two replicas behind one load balancer.
const harness = await startIngestHarness(t, { database: 'postgres' });
const logLines: string[] = [];
const logStream = { write: (line: string) => void logLines.push(line) };
const policy = { perAddress: 3, perConnection: 5, windowSeconds: 120 };
const replica = () =>
  harness.buildApp({
    authFailures: createAuthFailureRepository(harness.database.db),
    authFailurePolicy: policy,
    logLevel: 'info',
    logStream,
  });
const [first, second] = [await replica(), await replica()];
const json = { 'content-type': 'application/json' };
const post = (
  app: typeof first,
  url: string,
  remoteAddress: string,
  payload = webhookBody(shoprenterOrder('1')),
) => app.inject({ method: 'POST', url, headers: json, payload, remoteAddress });

t.test(
  'wrong secrets from one address: 401 until the limit, then 429 with Retry-After on every replica',
  async (t) => {
    const connection = await harness.createConnection();
    const wrongUrl = `/webhooks/shoprenter/${connection.id}/not-the-secret-${connection.secret.slice(0, 4)}`;
    const attacker = '198.51.100.7';
    const answers = [
      await post(first, wrongUrl, attacker),
      await post(second, wrongUrl, attacker),
      await post(first, wrongUrl, attacker),
    ];
    t.same(
      answers.map((a) => a.statusCode),
      [401, 401, 401],
      'three failures allowed, counted across both replicas',
    );
    for (const app of [second, first]) {
      const refused = await post(app, wrongUrl, attacker);
      t.equal(refused.statusCode, 429, 'the fourth attempt is refused, on either replica');
      t.match(refused.headers['content-type'], /^application\/problem\+json/);
      t.match(refused.json(), { status: 429, code: 'AUTH_RATE_LIMITED' });
      const retryAfter = Number(refused.headers['retry-after']);
      t.ok(
        retryAfter >= 1 && retryAfter <= policy.windowSeconds,
        `Retry-After ${retryAfter}s, within the window`,
      );
    }
    const guessedRight = await post(first, connection.url, attacker);
    t.equal(guessedRight.statusCode, 429, 'a blocked address learns nothing, even with the right secret');

    const shop = await post(second, connection.url, '203.0.113.20', webhookBody(shoprenterOrder('5001')));
    t.equal(shop.statusCode, 202, `another address with the right secret is still served: ${shop.body}`);
  },
);

t.test('wrong secrets for one connection from many addresses: blocked per connection', async (t) => {
  const connection = await harness.createConnection();
  const other = await harness.createConnection();
  const wrongUrl = `/webhooks/shoprenter/${connection.id}/wrong`;
  for (let i = 0; i < policy.perConnection; i++) {
    const app = i % 2 === 0 ? first : second;
    t.equal(
      (await post(app, wrongUrl, `192.0.2.${10 + i}`)).statusCode,
      401,
      `failure ${i + 1} from a new address`,
    );
  }
  const refused = await post(first, wrongUrl, '192.0.2.200');
  t.equal(refused.statusCode, 429, 'the connection is blocked, whatever the address');
  t.ok(Number(refused.headers['retry-after']) >= 1, 'with Retry-After');
  const elsewhere = await post(second, other.url, '192.0.2.200', webhookBody(shoprenterOrder('6001')));
  t.equal(elsewhere.statusCode, 202, 'other connections are not affected');
});

t.test('no log line carries a webhook secret or the personal data of an order', async (t) => {
  const connection = await harness.createConnection();
  const order = {
    ...shoprenterOrder('7001'),
    email: 'jan.jansen@example.nl',
    firstname: 'Jan',
    lastname: 'Jansen-Pietersz',
  };
  const accepted = await post(first, connection.url, '203.0.113.30', webhookBody(order));
  t.equal(accepted.statusCode, 202);
  t.match(
    await harness.journey.list(connection.id, '7001'),
    [{ detail: { sourcePayload: { email: 'jan.jansen@example.nl' } } }],
    'the journey keeps the payload',
  );
  const unsupported = await first.inject({
    method: 'POST',
    url: connection.url,
    headers: { 'content-type': 'text/plain' },
    payload: 'jan.jansen@example.nl Jansen-Pietersz',
    remoteAddress: '203.0.113.30',
  });
  t.equal(unsupported.statusCode, 415);
  const malformed = await post(
    second,
    connection.url,
    '203.0.113.30',
    '{"orders": jan.jansen@example.nl Jansen-Pietersz',
  );
  t.ok(malformed.statusCode >= 400, `malformed body rejected (${malformed.statusCode})`);
  await post(second, `/webhooks/shoprenter/${connection.id}/${connection.secret}x`, '203.0.113.31');
  await post(first, `${connection.url}/extra/segments`, '203.0.113.31');

  const secrets = [connection.secret];
  const log = logLines.join('');
  t.ok(logLines.length > 10, `the apps logged (${logLines.length} lines)`);
  t.match(
    log,
    /\/webhooks\/shoprenter\/[^/]+\/\[REDACTED\]/,
    'webhook URLs are logged, their secret redacted',
  );
  for (const secret of secrets) t.notOk(log.includes(secret), 'no line contains the webhook secret');
  for (const pii of ['jan.jansen@example.nl', 'Jansen-Pietersz']) {
    t.notOk(log.includes(pii), `no line contains ${pii}`);
  }
  t.notOk(/not-the-secret/.test(log), 'nor a wrong secret someone guessed');
});
