/**
 * A returning customer whose details did not change costs no relation update (issue 14): the
 * connector calls `getRelation`, compares the fields Koppel manages and sends no
 * `updateRelation`. The simulator's request log is the judge; a moved customer is the control.
 */
import t from 'tap';
import { mplusConnector as connector } from '../../src/index.js';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

for (const companyName of ['', 'Acme BV']) {
  t.test(
    `${companyName ? 'a company' : 'a person'}: a second order of the same customer sends no update`,
    async (t) => {
      const { sim, session } = await startHarness(t);
      const first = makeOrder({ companyName, vatNumber: companyName ? 'nl 0012.34567B01' : '' });
      const relation = await connector.createDebtor(session, makeCustomer(first), first);
      const updates = () =>
        sim.kit.inspection
          .list({ method: 'POST' })
          .filter((call) => call.headers.soapaction === 'updateRelation');

      const second = makeOrder({
        companyName,
        vatNumber: companyName ? 'nl 0012.34567B01' : '',
        orderNumber: '5010',
      });
      const same = await connector.updateDebtor(session, relation, makeCustomer(second), second);
      t.equal(updates().length, 0, 'no updateRelation for an unchanged customer');
      t.equal(same.targetId, relation.targetId);

      const moved = makeOrder({ companyName, orderNumber: '5011' });
      if (moved.billingAddress) moved.billingAddress.city = 'Amersfoort';
      await connector.updateDebtor(session, relation, makeCustomer(moved), moved);
      t.equal(updates().length, 1, 'control: a moved customer is updated');
    },
  );
}
