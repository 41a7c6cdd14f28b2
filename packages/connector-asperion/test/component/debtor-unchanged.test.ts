/**
 * A returning customer whose details did not change costs no debtor update (issue 14): the
 * connector reads the debtor, compares the fields Koppel manages and sends no PUT. The
 * simulator's request log is the judge; a moved customer is the control.
 */
import t from 'tap';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

for (const companyName of ['', 'Jansen BV']) {
  t.test(
    `${companyName ? 'a company' : 'a person'}: a second order of the same customer sends no update`,
    async (t) => {
      const { connector, session, sim } = await startHarness(t);
      const first = makeOrder({ companyName });
      const debtor = await connector.createDebtor(session, makeCustomer(first), first);
      const updates = () => sim.kit.inspection.list({ method: 'PUT', pathPrefix: '/v1/debtors' });

      const second = makeOrder({ companyName, orderNumber: '10024' });
      const same = await connector.updateDebtor(session, debtor, makeCustomer(second), second);
      t.equal(updates().length, 0, 'no PUT for an unchanged customer');
      t.equal(same.targetId, debtor.targetId);

      const moved = makeOrder({ companyName, orderNumber: '10025' });
      if (moved.billingAddress) moved.billingAddress.city = 'Amersfoort';
      await connector.updateDebtor(session, debtor, makeCustomer(moved), moved);
      t.equal(updates().length, 1, 'control: a moved customer is updated');
    },
  );
}
