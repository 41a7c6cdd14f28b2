import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

let fx: PipelineFixture;
t.before(async () => {
  fx = await startPipelineFixture();
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
