import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

let fx: PipelineFixture;
t.before(async () => {
  // Permissive target (the fixture's default): a second invoice with the same number would be
  // accepted and counted, so "exactly one invoice" is Koppel's guarantee, not Asperion's refusal.
  fx = await startPipelineFixture({ targetRequestTimeoutMs: 1500 });
});
t.teardown(async () => fx?.close());

t.test('Asperion answers 503, then 429 with Retry-After, then succeeds: exactly one invoice', async (t) => {
  fx.asperion.kit.faults.configure({
    failSequence: [
      { status: 503, pathPrefix: '/v1/' },
      { status: 429, retryAfterSeconds: 1, pathPrefix: '/v1/' },
    ],
  });
  const started = Date.now();
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'flaky@example.nl' }));
  const number = `WEB-${created.innerId}`;
  await eventually('the invoice', () => fx.invoices().find((i) => i.invoiceNumber === number));
  t.ok(Date.now() - started >= 1000, 'the Retry-After second was honoured');
  const statuses = fx.asperion.kit.inspection.list({ pathPrefix: '/v1/' }).map((c) => c.status);
  t.ok(statuses.includes(503) && statuses.includes(429), 'both faults were really answered');
  await new Promise((r) => setTimeout(r, 1000));
  t.equal(fx.invoices().filter((i) => i.invoiceNumber === number).length, 1, 'exactly one invoice');
  const stages = (await fx.journey(created.innerId)).map((s) => s.stage);
  t.equal(stages.filter((s) => s === 'retrying').length, 2, 'two retries are visible in the journey');
  t.ok(stages.includes('delivered'));
});

t.test('a permanent rejection goes to the dead-letter topic with the target error', async (t) => {
  fx.asperion.kit.faults.configure({
    failSequence: [
      {
        status: 400,
        pathPrefix: '/v1/salesinvoiceswithlines',
        body: { title: 'Validation failed', status: 400, errors: { JournalId: ['Journal VK is closed'] } },
      },
    ],
  });
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'rejected@example.nl' }));
  const dead = await eventually('the dead-letter journey entry', async () =>
    (await fx.journey(created.innerId)).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.stage, 'delivery.asperion');
  t.equal(dead.detail.code, 'TARGET_REJECTED', 'the target error code');
  t.match(String(dead.detail.reason), /Journal VK is closed|Validation failed/, 'with the target message');
  t.equal(fx.invoices().filter((i) => i.invoiceNumber === `WEB-${created.innerId}`).length, 0, 'no invoice');
});

t.test(
  'Asperion books the invoice but the answer never comes: the retry finds it, one invoice',
  async (t) => {
    fx.asperion.kit.faults.configure({
      rules: [
        {
          kind: 'succeed-then-timeout',
          method: 'POST',
          path: '/v1/salesinvoiceswithlines',
          count: 1,
          holdMs: 10_000,
        },
      ],
    });
    const created = await fx.shoprenter.createOrder(demoOrder({ email: 'lost-answer@example.nl' }));
    const number = `WEB-${created.innerId}`;
    const stages = await eventually('the order settled in the journey', async () => {
      const journey = (await fx.journey(created.innerId)).map((s) => s.stage);
      return journey.includes('already_in_target') || journey.includes('delivered') ? journey : undefined;
    });
    t.ok(stages.includes('retrying'), 'the lost answer was retried');
    t.ok(stages.includes('already_in_target'), 'the retry found the invoice the first attempt booked');
    await new Promise((r) => setTimeout(r, 1000));
    t.equal(fx.invoices().filter((i) => i.invoiceNumber === number).length, 1, 'exactly one invoice');
  },
);
