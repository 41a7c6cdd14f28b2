import t from 'tap';
import jsonata from 'jsonata';
import { JSONATA_FUNCTIONS } from '../src/expression-checks.js';
import { compileFieldRules } from '../src/index.js';

t.test('valid rules compile, one per rule, keeping their index', async (t) => {
  const result = compileFieldRules([
    { target: 'orderNumber', expression: '"WEB-" & externalId' },
    { target: 'lines[*].sku', expression: '$uppercase(sku)' },
  ]);
  t.ok(result.ok);
  if (result.ok)
    t.same(
      result.rules.map((r) => [r.index, r.target.text]),
      [
        [0, 'orderNumber'],
        [1, 'lines[*].sku'],
      ],
    );
});

t.test('every problem is named by rule index and part, syntax errors with their position', async (t) => {
  const result = compileFieldRules([
    { target: 'orderNumber', expression: '"WEB-" & externalId' },
    { target: 'customer.company', expression: '$uppercase(customer.companyName' },
    { target: 'comment', expression: 'customer.email ~> $match(/@(.*)$/)' },
    { target: 'comment', expression: '$eval("1 + 1")' },
    { target: 'comment', expression: '"a" &' },
    { target: 'comment', expression: '$upercase(comment)' },
    { target: 'comment', expression: '($shout := function($s){ $uppercase($s) }; $shout($order.comment))' },
  ]);
  t.notOk(result.ok);
  if (result.ok) return;
  t.same(
    result.issues.map((issue) => issue.field),
    ['[1].target', '[1].expression', '[2].expression', '[3].expression', '[4].expression', '[5].expression'],
  );
  t.match(result.issues[0]?.message, /Customer has no field "company"/);
  t.match(result.issues[1]?.message, /^S0203: Expected "\)" before end of expression \(at character \d+\)$/);
  t.match(result.issues[2]?.message, /regular expressions are not allowed/);
  t.match(result.issues[3]?.message, /\$eval is not allowed/);
  t.match(result.issues[4]?.message, /^S\d{4}: /);
  t.match(result.issues[5]?.message, /\$upercase is not a JSONata function/, 'a typo in a function name');
  t.equal(result.issues.length, 6, 'functions the expression defines itself are known');
});

t.test('every function the checks know is a function of the installed jsonata', async (t) => {
  for (const name of JSONATA_FUNCTIONS) {
    t.equal(await jsonata(`$type($${name})`).evaluate({}), 'function', `$${name}`);
  }
});
