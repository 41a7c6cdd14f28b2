import { toBinary } from '@bufbuild/protobuf';
import { CanonicalOrderSchema, OrderStatus } from '@koppel/contracts';
import t from 'tap';
import { applyFieldRules, compileFieldRules, type FieldRule } from '../src/index.js';
import { canonicalOrder, compiled } from './support/canonical-order.js';

async function apply(rules: FieldRule[], order = canonicalOrder()) {
  const outcome = await applyFieldRules(order, compiled(rules));
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

async function failure(rules: FieldRule[], order = canonicalOrder()) {
  const outcome = await applyFieldRules(order, compiled(rules));
  if (outcome.kind !== 'invalid') throw new Error('expected the rules to fail');
  return outcome;
}

t.test('concatenate, map values, default, substring, date format and arithmetic', async (t) => {
  const input = canonicalOrder();
  input.customer = { ...input.customer, companyName: '', email: 'anna@example.nl' } as typeof input.customer;
  const order = await apply(
    [
      { target: 'orderNumber', expression: '"WEB-" & externalId' },
      {
        target: 'shippingMethodName',
        expression: '$lookup({"PostNL": "POST", "DHL": "DHL-P"}, shippingMethodName)',
      },
      { target: 'paymentMethodCode', expression: '$lookup({"paypal": "PP"}, paymentMethodCode)' },
      {
        target: 'customer.companyName',
        expression: 'customer.companyName ? customer.companyName : "Particulier"',
      },
      { target: 'lines[*].name', expression: '$substring(name, 0, 3)' },
      {
        target: 'comment',
        expression: '"Besteld " & $fromMillis($toMillis(createdAt), "[D01]-[M01]-[Y0001]")',
      },
      {
        target: 'extras.weightGrams',
        expression: '$string($sum(lines[kind = "LINE_KIND_PRODUCT"].quantity) * 250)',
      },
    ],
    input,
  );
  t.equal(order.orderNumber, 'WEB-1001', 'concatenate');
  t.equal(order.shippingMethodName, 'POST', 'map values');
  t.equal(order.paymentMethodCode, 'ideal', 'a value the map lacks is left as it was');
  t.equal(order.customer?.companyName, 'Particulier', 'default');
  t.same(
    order.lines.map((line) => line.name),
    ['Mok', 'The', 'Pos'],
    'substring, per line',
  );
  t.equal(order.comment, 'Besteld 01-03-2025', 'date format');
  t.same(order.extras, { weightGrams: '750' }, 'arithmetic');
});

t.test('[*] rules see the element as context, the order as $order and the position as $index', async (t) => {
  const order = await apply([
    { target: 'lines[*].sku', expression: 'sku ? $uppercase($order.orderNumber & "-" & sku) : "SHIP"' },
    {
      target: 'lines[*].name',
      expression: '$string($index + 1) & "/" & $string($count($order.lines)) & " " & name',
    },
    { target: 'lines[0].ean', expression: '"8712345678906"' },
  ]);
  t.same(
    order.lines.map((line) => line.sku),
    ['1001-MUG-1', '1001-TEA-1', 'SHIP'],
  );
  t.same(
    order.lines.map((line) => line.name),
    ['1/3 Mok', '2/3 Thee', '3/3 PostNL'],
  );
  t.equal(order.lines[0]?.ean, '8712345678906');
});

t.test('rules run in order, each seeing the previous result; enums by short name', async (t) => {
  const order = await apply([
    { target: 'customer.companyName', expression: '$uppercase(customer.companyName)' },
    { target: 'comment', expression: '"Voor " & customer.companyName' },
    { target: 'status', expression: '"COMPLETED"' },
    { target: 'comment', expression: 'nothing.here' },
  ]);
  t.equal(order.customer?.companyName, 'DE VRIES THEE');
  t.equal(order.comment, 'Voor DE VRIES THEE', 'an expression that matches nothing leaves the field alone');
  t.equal(order.status, OrderStatus.COMPLETED);
});

t.test('the decoded order is not changed, and no rules give it back as it is', async (t) => {
  const input = canonicalOrder();
  const before = toBinary(CanonicalOrderSchema, input);
  await apply([{ target: 'customer.email', expression: '"other@example.nl"' }], input);
  t.same(toBinary(CanonicalOrderSchema, input), before);
  const same = await applyFieldRules(input, []);
  t.equal(same.kind === 'ok' && same.order, input);
});

t.test('a value of the wrong kind names the rule and the field', async (t) => {
  t.match(await failure([{ target: 'comment', expression: '42' }]), {
    ruleIndex: 0,
    target: 'comment',
    orderField: 'comment',
    message: /gave a number, text is needed/,
  });
  t.match(
    await failure([
      { target: 'orderNumber', expression: '"x"' },
      { target: 'comment', expression: 'lines.sku' },
    ]),
    {
      ruleIndex: 1,
      message: /gave a list of 3 values/,
    },
  );
  t.match(await failure([{ target: 'lines[*].quantity', expression: 'quantity / 3' }]), {
    orderField: 'lines[0].quantity',
    message: /a whole number is needed/,
  });
  t.match(await failure([{ target: 'status', expression: '"SHIPPED"' }]), {
    message: /one of UNSPECIFIED, PENDING/,
  });
  t.match(await failure([{ target: 'createdAt', expression: '"yesterday"' }]), {
    target: 'createdAt',
    message: /an RFC 3339 time such as/,
  });
  t.match(await failure([{ target: 'lines[7].name', expression: '"x"' }]), {
    message: /the order has no lines\[7\]/,
  });
  t.match(await failure([{ target: 'comment', expression: '$string(1 + "a")' }]), {
    message: /^the expression failed: T2002: The right side of the "\+" operator must evaluate to a number/,
  });
});

t.test('an order the rules make invalid is refused, blamed on the rule that wrote the field', async (t) => {
  t.match(
    await failure([
      { target: 'orderNumber', expression: '"WEB-1"' },
      { target: 'customer.email', expression: '"not an address"' },
      { target: 'comment', expression: '"ok"' },
    ]),
    { ruleIndex: 1, target: 'customer.email', orderField: 'customer.email', message: /is not an e-mail/ },
  );
  t.match(
    await failure([
      { target: 'orderNumber', expression: '"x"' },
      { target: 'lines[*].quantity', expression: 'quantity * 2' },
    ]),
    {
      ruleIndex: 1,
      orderField: 'lines[0].totalNet',
      message: /the order is no longer valid: lines\[0\].totalNet is not unit_price_net × quantity/,
    },
  );
  t.match(await failure([{ target: 'totals.net', expression: '"1"' }]), {
    ruleIndex: 0,
    orderField: 'totals.net',
  });
});

t.test('limits: recursion depth, time and sequence length stop a runaway rule', async (t) => {
  const limits = { timeoutMs: 50, maxDepth: 200, maxSequence: 1000 };
  const run = async (expression: string, given = limits) => {
    const result = compileFieldRules([{ target: 'comment', expression }], given);
    if (!result.ok) throw new Error('does not compile');
    const started = Date.now();
    const outcome = await applyFieldRules(canonicalOrder(), result.rules);
    return { outcome, ms: Date.now() - started };
  };
  const deep = await run('($f := function($n){ $n <= 0 ? 0 : 1 + $f($n - 1) }; $string($f(100000)))', {
    ...limits,
    timeoutMs: 10_000,
  });
  t.match(deep.outcome, { kind: 'invalid', message: /D1011: Stack overflow/ });
  const slow = await run('$string($sum([1..999].($sum([1..999].($sum([1..999]))))))');
  t.match(slow.outcome, { kind: 'invalid', message: /D1012: Evaluation timeout after 50 milliseconds/ });
  t.ok(slow.ms < 2000, `stopped after ${slow.ms} ms`);
  const long = await run('$string($count([1..5000]))');
  t.match(long.outcome, { kind: 'invalid', message: /D2015: The maximum sequence length/ });
  const ok = await run('$string($count([1..900]))');
  t.match(ok.outcome, { kind: 'ok' }, 'within the limits works');
});
