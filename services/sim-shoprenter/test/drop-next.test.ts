import t from 'tap';
import { anOrder, bearerHeaders, startReceiver, startSimulator } from './helpers/simulator.js';

type Sim = ReturnType<typeof startSimulator>;

async function registerHook(sim: Sim, event: string, url: string, delayHours?: number): Promise<void> {
  const res = await sim.app.inject({
    method: 'POST',
    url: '/api/webHooks',
    headers: await bearerHeaders(sim),
    payload: {
      label: event,
      event,
      status: '1',
      webHookParameters: [{ type: 'json', url }],
      ...(delayHours === undefined
        ? {}
        : { webHookDelay: [{ delay: String(delayHours), delayUnit: 'hour' }] }),
    },
  });
  if (res.statusCode !== 201) throw new Error(`webhook create failed: ${res.statusCode} ${res.body}`);
}

async function dropNext(sim: Sim, body: Record<string, unknown>) {
  return sim.app.inject({ method: 'POST', url: '/_control/webhook-deliveries/drop-next', payload: body });
}

t.test('drop-next loses exactly `count` deliveries of the named event, and no others', async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  const sim = startSimulator();
  await registerHook(sim, 'order_confirm', receiver.url('/confirm'));
  await registerHook(sim, 'order_status_change', receiver.url('/change'));

  const answer = await dropNext(sim, { count: 2, event: 'order_confirm' });
  t.equal(answer.statusCode, 200);
  t.same(answer.json(), { count: 2, event: 'order_confirm' });

  // A status change comes first: it is another event, so it does not use up the drops.
  const first = await sim.createOrder(anOrder());
  t.same(
    first.deliveries.map((d) => d.status),
    ['dropped'],
    'the first confirmation is dropped',
  );
  await sim.changeOrderStatus(Number(first.innerId), 3);
  const second = await sim.createOrder(anOrder());
  const third = await sim.createOrder(anOrder());
  t.same(
    second.deliveries.map((d) => d.status),
    ['dropped'],
    'the second confirmation is dropped',
  );
  t.same(
    third.deliveries.map((d) => d.status),
    ['delivered'],
    'the third is sent: the count is used up',
  );
  await sim.idle();

  t.same(
    receiver.received.map((r) => r.url),
    ['/change', '/confirm'],
    'only the status change and the third confirmation reached the receiver',
  );
  const dropped = sim.deliveries({ status: 'dropped' });
  t.same(
    dropped.map((d) => [d.event, d.orderInnerId, d.attemptedAt, d.statusCode]),
    [
      ['order_confirm', Number(first.innerId), null, null],
      ['order_confirm', Number(second.innerId), null, null],
    ],
    'recorded as dropped, never attempted',
  );
  t.ok(
    dropped.every((d) => d.error === 'dropped by the control API'),
    'with the reason',
  );
  const listed = await sim.app.inject({ method: 'GET', url: '/_control/webhook-deliveries?status=dropped' });
  t.equal((listed.json() as { deliveries: unknown[] }).deliveries.length, 2, 'the control API lists them');
});

t.test('without an event, drop-next drops the next deliveries of any event', async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  const sim = startSimulator();
  await registerHook(sim, 'order_confirm', receiver.url('/confirm'));
  await registerHook(sim, 'order_status_change', receiver.url('/change'));
  t.equal((await dropNext(sim, { count: 2 })).json<{ event: null }>().event, null);

  const created = await sim.createOrder(anOrder());
  const changed = await sim.changeOrderStatus(Number(created.innerId), 3);
  await sim.changeOrderStatus(Number(created.innerId), 5);
  await sim.idle();
  t.same(
    created.deliveries.map((d) => d.status),
    ['dropped'],
  );
  t.same(
    changed?.deliveries.map((d) => d.status),
    ['dropped'],
  );
  t.equal(receiver.received.length, 1, 'only the third delivery is sent');
  t.equal(sim.deliveries({ status: 'dropped' }).length, 2);
});

t.test('a dropped delayed delivery is never sent by a flush', async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  const sim = startSimulator({ now: new Date('2025-03-01T09:00:00Z') });
  await registerHook(sim, 'order_confirm', receiver.url('/later'), 2);
  await dropNext(sim, { count: 1, event: 'order_confirm' });

  const lost = await sim.createOrder(anOrder());
  const kept = await sim.createOrder(anOrder());
  t.same(
    lost.deliveries.map((d) => d.status),
    ['dropped'],
  );
  t.same(
    kept.deliveries.map((d) => d.status),
    ['scheduled'],
  );

  const flushed = await sim.app.inject({
    method: 'POST',
    url: '/_control/webhook-deliveries/flush',
    payload: {},
  });
  t.same(
    (flushed.json() as { deliveries: { orderInnerId: number }[] }).deliveries.map((d) => d.orderInnerId),
    [Number(kept.innerId)],
    'the flush sends only the scheduled delivery',
  );
  await sim.idle();
  t.equal(receiver.received.length, 1, 'the dropped one never reaches the receiver');
  t.match(sim.deliveries({ orderInnerId: Number(lost.innerId) }), [{ status: 'dropped', attemptedAt: null }]);
});

t.test('drop-next refuses a bad count or an unknown event, and count 0 cancels', async (t) => {
  const sim = startSimulator();
  const negative = await dropNext(sim, { count: -1 });
  t.equal(negative.statusCode, 400);
  t.match(negative.headers['content-type'], /application\/problem\+json/);
  const unknown = await dropNext(sim, { count: 1, event: 'order_deleted' });
  t.equal(unknown.statusCode, 400);

  const receiver = await startReceiver();
  t.teardown(receiver.close);
  await registerHook(sim, 'order_confirm', receiver.url('/confirm'));
  await dropNext(sim, { count: 5 });
  await dropNext(sim, { count: 0 });
  const created = await sim.createOrder(anOrder());
  t.same(
    created.deliveries.map((d) => d.status),
    ['delivered'],
    'count 0 replaces the pending drops',
  );
});
