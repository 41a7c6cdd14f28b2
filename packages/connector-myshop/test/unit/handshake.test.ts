/**
 * The handshake against the simulator: a stale rpc id is answered by one new handshake; a wrong
 * private key is refused twice and reported as a credential problem, never retried by the poller.
 */
import { createCountingServices } from '@koppel/connector-sdk/testing';
import { isAppError } from '@koppel/errors';
import t from 'tap';
import { createMyshopClient, myshopConnector, myshopSettingsSchema, toChangeTime } from '../../src/index.js';
import { companyOrder, connectionTo, PRIVATE_KEY, placeOrder, SHOP, startSim } from '../sim-connection.js';

t.test('a stale rpc id is answered by one fresh handshake', async (t) => {
  const running = await startSim();
  t.teardown(running.close);
  await placeOrder(running.sim, companyOrder(1));
  const services = createCountingServices();
  let stale = true;
  const client = createMyshopClient(
    myshopSettingsSchema.parse(connectionTo(running.baseUrl).settings),
    { privateKey: PRIVATE_KEY },
    {
      ...services,
      // The first order pull arrives after its rpc id's two minutes (the simulator's clock moves).
      async fetch(input, init) {
        if (stale && String(input).includes('/orders/list')) {
          stale = false;
          await running.sim.app.inject({
            method: 'POST',
            url: '/_control/clock',
            payload: { advance_seconds: 121 },
          });
        }
        return services.fetch(input, init);
      },
    },
  );
  const xml = await client.ordersSince(toChangeTime(new Date(Date.now() - 3600_000)));
  t.match(xml, /<shop_order>12345_00001<\/shop_order>/, 'the orders came on the second try');
  const calls = running.sim.kit.inspection.list({ pathPrefix: '/RPC/' }).map((c) => c.path);
  t.same(calls, ['/RPC/id', '/RPC/orders/list', '/RPC/id', '/RPC/orders/list'], 'exactly one new handshake');
});

t.test('a wrong private key is refused twice, then reported as the credential', async (t) => {
  const running = await startSim();
  t.teardown(running.close);
  const connection = connectionTo(running.baseUrl);
  const session = myshopConnector.openSession?.(
    {
      connectionId: 'c',
      tenantId: 't',
      settings: myshopSettingsSchema.parse(connection.settings),
      credentials: { privateKey: 'not-the-key' },
    },
    createCountingServices(),
  );
  const poller = myshopConnector.poller;
  if (!session || !poller) throw new Error('myShop polls');
  const error = await poller.poll(session, poller.initialCursor(new Date())).then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(isAppError(error), 'a coded error');
  if (!isAppError(error)) return;
  t.equal(error.code, 'SOURCE_AUTH_FAILED');
  t.equal(error.retryable, false, 'not retryable: it needs the merchant');
  t.equal(error.field, 'source.credentials.privateKey', 'naming the credential');
  t.match(error.message, /IP allowlist/, 'and saying what else it may be');
  const pulls = running.sim.kit.inspection.list({ pathPrefix: '/RPC/orders/list' });
  t.equal(pulls.length, 2, 'two signed pulls, each after its own handshake');
  t.equal(running.sim.kit.inspection.list({ pathPrefix: '/RPC/id' }).length, 2);
});

t.test('an unknown shop number is named as such', async (t) => {
  const running = await startSim();
  t.teardown(running.close);
  const settings = myshopSettingsSchema.parse({
    ...connectionTo(running.baseUrl).settings,
    shopNumber: '999',
  });
  const client = createMyshopClient(settings, { privateKey: PRIVATE_KEY }, createCountingServices());
  const error = await client.rpcId().then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(isAppError(error) && error.field === 'source.settings.shopNumber' && !error.retryable);
  t.equal(SHOP, '12345');
});

t.test('503 and 429 with Retry-After are retryable, the wait taken from the header', async (t) => {
  const running = await startSim();
  t.teardown(running.close);
  const settings = myshopSettingsSchema.parse(connectionTo(running.baseUrl).settings);
  const client = createMyshopClient(settings, { privateKey: PRIVATE_KEY }, createCountingServices());
  running.sim.kit.faults.configure({ failNext: { count: 1, status: 503 } });
  const down = await client.ordersSince('20250301000000').catch((e: unknown) => e);
  t.ok(
    isAppError(down) && down.code === 'SOURCE_UNAVAILABLE' && down.retryable,
    '503: unavailable, retryable',
  );
  running.sim.kit.faults.configure({ failNext: { count: 1, status: 429, retryAfterSeconds: 7 } });
  const limited = await client.ordersSince('20250301000000').catch((e: unknown) => e);
  t.ok(isAppError(limited) && limited.code === 'SOURCE_RATE_LIMITED' && limited.retryable);
  t.equal(isAppError(limited) ? limited.retryAfterSeconds : undefined, 7, 'Retry-After honoured');
});
