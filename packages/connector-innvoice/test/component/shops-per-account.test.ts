/**
 * One InnVoice account, several shops (README "Choices": connection = `company` + the shop's
 * `invoicePadId`): two connections with the same API user book into their own invoice pads,
 * each numbered in its pad's series. Against the simulator's default seed (pads 1 and 2).
 */
import type { AddressInfo } from 'node:net';
import { buildInnvoiceSimulator } from '@koppel/sim-innvoice';
import t from 'tap';
import { type InnvoiceSession, innvoiceConnector as connector } from '../../src/index.js';
import { makeCustomer, makeOrder, makeSettings } from '../fixtures/order-fixtures.js';
import { CREDENTIALS, services } from '../fixtures/simulator-harness.js';

const sim = buildInnvoiceSimulator({ rateLimit: false });
await sim.app.listen({ port: 0, host: '127.0.0.1' });
t.teardown(() => sim.app.close());
const { port } = sim.app.server.address() as AddressInfo;

function shop(connectionId: string, invoicePadId: number): InnvoiceSession {
  return connector.openSession(
    {
      connectionId,
      tenantId: 'tenant-1',
      settings: makeSettings({ apiBaseUrl: `http://127.0.0.1:${port}`, invoicePadId }),
      credentials: CREDENTIALS,
    },
    services(),
  );
}

async function book(session: InnvoiceSession, orderNumber: string) {
  const order = makeOrder({ orderNumber, email: `vevo-${orderNumber}@example.hu` });
  const prepared = connector.prepareDocument(order, session);
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  return connector.createDocument(session, prepared, debtor);
}

t.test('two shops of one account book into their own pads, each numbered in its series', async (t) => {
  const first = await book(shop('shop-a', 1), '3001');
  const second = await book(shop('shop-b', 2), '3002');
  const listed = await sim.app.inject({ url: '/_control/companies/koppeldemo/documents' });
  const documents = (listed.json() as { documents: { techId: string; number: string | null }[] }).documents;
  const numberOf = (techId: string) => documents.find((d) => d.techId === techId)?.number;
  t.match(numberOf(first.targetId), /^WEB-\d{4}\//, "shop A's pad 1 (WEB)");
  t.match(numberOf(second.targetId), /^DB-\d{4}\//, "shop B's pad 2 (DB)");
  t.equal(documents.length, 2, 'one document each');
});
