/**
 * Notification settings through the admin API on a real Postgres: validated on save (400 naming
 * the field), the webhook secret generated once and sealed (never shown again), and a test
 * notice that reaches a receiver verifying the Standard Webhooks signature.
 */
import { createPostgresDatabase } from '@koppel/db';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import Fastify from 'fastify';
import { Webhook } from 'standardwebhooks';
import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
t.teardown(() => isolated.drop());
const { app, database } = await setupAdmin(t, { open: async () => createPostgresDatabase(isolated.url) });
const { id } = await createConnection(app, 'acme');
const url = `/admin/v1/connections/${id}/notifications`;

const received: { headers: Record<string, string>; body: string }[] = [];
const receiver = Fastify();
receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_r, body, done) =>
  done(null, body),
);
receiver.post('/failing-hook', async (_request, reply) => reply.code(503).send());
receiver.post('/hook', async (request, reply) => {
  received.push({ headers: request.headers as Record<string, string>, body: String(request.body) });
  return reply.code(204).send();
});
const receiverUrl = await receiver.listen({ port: 0, host: '127.0.0.1' });
t.teardown(() => receiver.close());

t.test('nothing set at first; a test notice without channels is a 409', async (t) => {
  const initial = await app.inject({ url, headers: AUTH });
  t.same(initial.json(), { connectionId: id, email: null, webhook: null, intervalMinutes: 60 });
  const test = await app.inject({ method: 'POST', url: `${url}/test`, headers: AUTH });
  t.equal(test.statusCode, 409);
  t.match(test.json(), { code: 'CONFLICT', field: 'notifications' });
});

t.test('invalid settings are refused naming the field', async (t) => {
  const bad = await app.inject({
    method: 'PUT',
    url,
    headers: AUTH,
    payload: { email: { to: ['not-an-address'] }, intervalMinutes: 0 },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().field, /^body\.(email\.to\[0\]|intervalMinutes)$/);
});

t.test(
  'a webhook gets a generated secret shown once, sealed at rest; the test notice is signed',
  async (t) => {
    const saved = await app.inject({
      method: 'PUT',
      url,
      headers: AUTH,
      payload: {
        email: { to: ['ops@example.test'] },
        webhook: { url: `${receiverUrl}/hook` },
        intervalMinutes: 15,
      },
    });
    t.equal(saved.statusCode, 200, saved.body);
    const secret: string = saved.json().generatedSecret;
    t.match(secret, /^whsec_/);
    t.match(saved.json(), { webhook: { url: `${receiverUrl}/hook`, secretSet: true }, intervalMinutes: 15 });
    const row = await database.db
      .selectFrom('connections')
      .select(['notification_secret_sealed', 'notifications'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    t.notMatch(row.notification_secret_sealed, secret.slice(6), 'the secret is sealed, not stored in clear');
    const again = await app.inject({ url, headers: AUTH });
    t.notOk('generatedSecret' in again.json(), 'never shown again');

    const test = await app.inject({ method: 'POST', url: `${url}/test`, headers: AUTH });
    t.equal(test.statusCode, 200, test.body);
    t.same(test.json().channels, ['webhook'], 'the webhook took it (this admin has no SMTP server)');
    t.same(
      test.json().failed,
      [{ channel: 'email', reason: 'no SMTP server is configured (SMTP_URL)' }],
      'the e-mail that was not sent says why',
    );
    t.equal(received.length, 1);
    const notice = received[0];
    if (!notice) throw new Error('a notice');
    const verified = new Webhook(secret).verify(notice.body, notice.headers) as { type: string };
    t.equal(verified.type, 'koppel.connection.problem', 'signed with the secret answered once');

    const kept = await app.inject({
      method: 'PUT',
      url,
      headers: AUTH,
      payload: { webhook: { url: `${receiverUrl}/hook` } },
    });
    t.notOk('generatedSecret' in kept.json(), 'saving again keeps the stored secret');
    t.equal(kept.json().email, null, 'an absent channel is switched off');
  },
);

t.test('a test notice no channel took says why each failed', async (t) => {
  const { id: other } = await createConnection(app, 'acme-failing');
  const otherUrl = `/admin/v1/connections/${other}/notifications`;
  const closedPort = await (async () => {
    const probe = Fastify();
    const address = await probe.listen({ port: 0, host: '127.0.0.1' });
    await probe.close();
    return new URL(address).port;
  })();
  for (const [hook, reason] of [
    [`${receiverUrl}/failing-hook`, /answered HTTP 503/],
    [`http://127.0.0.1:${closedPort}/hook`, /fetch failed: .*ECONNREFUSED/],
  ] as const) {
    const saved = await app.inject({
      method: 'PUT',
      url: otherUrl,
      headers: AUTH,
      payload: { webhook: { url: hook } },
    });
    t.equal(saved.statusCode, 200, saved.body);
    const test = await app.inject({ method: 'POST', url: `${otherUrl}/test`, headers: AUTH });
    t.equal(test.statusCode, 200, test.body);
    t.same(test.json().channels, [], hook);
    t.match(test.json().failed, [{ channel: 'webhook', reason }], hook);
  }
});
