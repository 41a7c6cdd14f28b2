import type { SalesInvoice } from './model.js';

/**
 * Invoices by number and by id, as the vendor's database finds them through an index: a lookup
 * stays cheap with a million invoices booked (the backlog benchmark books that many). The state
 * stays a plain array (it is saved as JSON); the index follows it, since invoices are only ever
 * appended: each call indexes what was pushed since the last. An array replaced (a reset, a state
 * file loaded) gets an index of its own; one that shrank is indexed again from the start.
 */
type InvoiceIndex = {
  indexed: number;
  byNumber: Map<string, SalesInvoice[]>;
  byId: Map<number, SalesInvoice>;
};

const indexes = new WeakMap<SalesInvoice[], InvoiceIndex>();

const emptyIndex = (): InvoiceIndex => ({ indexed: 0, byNumber: new Map(), byId: new Map() });

function indexOf(invoices: SalesInvoice[]): InvoiceIndex {
  let index = indexes.get(invoices);
  if (index === undefined || index.indexed > invoices.length) {
    index = emptyIndex();
    indexes.set(invoices, index);
  }
  for (; index.indexed < invoices.length; index.indexed++) {
    const invoice = invoices[index.indexed];
    if (invoice === undefined) continue;
    const key = invoice.invoiceNumber.toLowerCase();
    const same = index.byNumber.get(key);
    if (same) same.push(invoice);
    else index.byNumber.set(key, [invoice]);
    index.byId.set(invoice.id, invoice);
  }
  return index;
}

/** The invoices whose number equals `number` ignoring case, in the order they were booked. */
export function invoicesNumbered(invoices: SalesInvoice[], number: string): SalesInvoice[] {
  return [...(indexOf(invoices).byNumber.get(number.toLowerCase()) ?? [])];
}

export function invoiceWithId(invoices: SalesInvoice[], id: number): SalesInvoice | undefined {
  return indexOf(invoices).byId.get(id);
}
