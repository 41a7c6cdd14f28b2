import t from 'tap';
import { applyConnectionRules, connectionRulesSchema } from '../src/index.js';
import { canonicalOrder } from './support/canonical-order.js';

const rules = connectionRulesSchema.parse({
  valueMaps: { paymentMethodCode: { ideal: 'IDL' }, shippingMethodName: { postnl: 'PostNL' } },
});

t.test('value maps translate the codes they list and leave others as they are', async (t) => {
  const outcome = applyConnectionRules(
    { ...canonicalOrder(), paymentMethodCode: 'ideal', shippingMethodName: 'dhl' },
    rules,
  );
  t.match(outcome, { kind: 'pass', order: { paymentMethodCode: 'IDL', shippingMethodName: 'dhl' } });
});

t.test("a code named like an object's own function is not looked up on Object.prototype", async (t) => {
  for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const outcome = applyConnectionRules(
      { ...canonicalOrder(), paymentMethodCode: code, shippingMethodName: code },
      rules,
    );
    t.match(outcome, { kind: 'pass', order: { paymentMethodCode: code, shippingMethodName: code } }, code);
  }
});
