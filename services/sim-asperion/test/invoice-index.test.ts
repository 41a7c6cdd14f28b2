import t from 'tap';
import { invoicesNumbered, invoiceWithId } from '../src/domain/invoice-index.js';
import type { SalesInvoice } from '../src/domain/model.js';

const invoice = (id: number, invoiceNumber: string) => ({ id, invoiceNumber }) as SalesInvoice;
const ids = (invoices: SalesInvoice[]) => invoices.map((i) => i.id);

t.test('finds by number ignoring case and by id, and follows invoices appended later', async (t) => {
  const invoices = [invoice(1, 'WEB-1'), invoice(2, 'WEB-10')];
  t.same(ids(invoicesNumbered(invoices, 'web-1')), [1]);
  t.same(ids(invoicesNumbered(invoices, 'WEB-100')), []);
  invoices.push(invoice(3, 'web-1'), invoice(4, 'WEB-100'));
  t.same(ids(invoicesNumbered(invoices, 'WEB-1')), [1, 3], 'both, in the order booked');
  t.same(ids(invoicesNumbered(invoices, 'WEB-100')), [4]);
  t.equal(invoiceWithId(invoices, 4)?.invoiceNumber, 'WEB-100');
  t.equal(invoiceWithId(invoices, 5), undefined);
});

t.test('an array replaced or shrunk is indexed afresh', async (t) => {
  const invoices = [invoice(1, 'A'), invoice(2, 'B')];
  t.same(ids(invoicesNumbered(invoices, 'B')), [2]);
  invoices.length = 0;
  invoices.push(invoice(7, 'C'));
  t.same(ids(invoicesNumbered(invoices, 'B')), [], 'what was removed is not found');
  t.same(ids(invoicesNumbered(invoices, 'C')), [7]);
  const replaced = [invoice(9, 'B')];
  t.same(ids(invoicesNumbered(replaced, 'B')), [9]);
  t.same(ids(invoicesNumbered(invoices, 'B')), [], 'the old array keeps its own index');
});

t.test('what a caller does with a result leaves the index alone', async (t) => {
  const invoices = [invoice(1, 'A')];
  invoicesNumbered(invoices, 'A').push(invoice(2, 'A'));
  t.same(ids(invoicesNumbered(invoices, 'A')), [1]);
});
