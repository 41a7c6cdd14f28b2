/**
 * A returning customer whose details did not change costs no debtor update (issue 14): the
 * connector reads the CONTACT row, compares the fields Koppel manages and sends no PUT. The
 * simulator's request log is the judge; a moved customer is the control.
 */
import t from 'tap';
import { accountviewConnector as av } from '../../src/index.js';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { openTestSession, startSimulator } from '../fixtures/simulator-harness.js';

const sim = await startSimulator();
t.teardown(() => sim.close());

for (const companyName of ['', 'Jansen BV']) {
  t.test(
    `${companyName ? 'a company' : 'a person'}: a second order of the same customer sends no update`,
    async (t) => {
      const session = openTestSession(sim);
      const email = `${companyName ? 'company' : 'person'}@unchanged.example`;
      const first = makeOrder({ companyName, email });
      const debtor = await av.createDebtor(session, makeCustomer(first), first);
      sim.sim.kit.inspection.clear();
      const updates = () => sim.sim.kit.inspection.list({ method: 'PUT' });

      const second = makeOrder({ companyName, email, orderNumber: '20002' });
      const same = await av.updateDebtor(session, debtor, makeCustomer(second), second);
      t.equal(updates().length, 0, 'no PUT for an unchanged customer');
      t.equal(same.targetId, debtor.targetId);

      const moved = makeOrder({ companyName, email, orderNumber: '20003' });
      if (moved.billingAddress) moved.billingAddress.city = 'Amersfoort';
      await av.updateDebtor(session, debtor, makeCustomer(moved), moved);
      t.equal(updates().length, 1, 'control: a moved customer is updated');
    },
  );
}
