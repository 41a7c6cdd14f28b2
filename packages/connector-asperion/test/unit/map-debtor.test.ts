import t from 'tap';
import { mapDebtor, mergeDebtorUpdate } from '../../src/index.js';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';

t.test('a company becomes a company debtor with the contact person in attentionTo', async (t) => {
  const order = makeOrder({ companyName: 'Jansen BV' });
  t.same(mapDebtor(makeCustomer(order), order, { paymentConditionId: 1 }), {
    name: 'Jansen BV',
    emailAddress: 'piet@jansen-test.example',
    attentionTo: 'Piet Jansen',
    address: 'Kerkstraat 12 A',
    postCode: '1234 AB',
    city: 'Utrecht',
    countryCode: 'NL',
    phoneNumber: '+31 30 1234567',
    vatNumber: 'NL001234567B01',
    paymentConditionId: 1,
  });
});

t.test('a person becomes a debtor named after them, without attentionTo or VAT number', async (t) => {
  const order = makeOrder();
  const body = mapDebtor(makeCustomer(order), order, {});
  t.equal(body.name, 'Piet Jansen');
  t.equal(body.attentionTo, undefined);
  t.equal(body.vatNumber, undefined);
  t.equal(body.paymentConditionId, undefined);
  t.equal(body.emailAddress, 'piet@jansen-test.example', 'the normalised e-mail, so lookups find it again');
});

t.test('foreign postcodes stay as given; no address leaves the fields out', async (t) => {
  const order = makeOrder({ country: 'BE' });
  if (order.billingAddress) order.billingAddress.postcode = '1000';
  t.equal(mapDebtor(makeCustomer(order), order, {}).postCode, '1000');
  const bare = makeOrder();
  bare.billingAddress = undefined;
  bare.shippingAddress = undefined;
  const body = mapDebtor(makeCustomer(bare), bare, {});
  t.same(Object.keys(body).sort(), ['emailAddress', 'name', 'phoneNumber']);
});

t.test('an update lays the managed fields over the existing record', async (t) => {
  const existing = {
    id: 7,
    customerNumber: '10045',
    name: 'Jansen',
    iban: 'NL91ABNA0417164300',
    phoneNumber: '+31 6 1',
    _meta: { self: 'x' },
    dateAdded: '2025-01-01T00:00:00',
  };
  const merged = mergeDebtorUpdate(existing, { name: 'Jansen BV', emailAddress: 'a@b.nl' });
  t.same(merged, {
    customerNumber: '10045',
    name: 'Jansen BV',
    iban: 'NL91ABNA0417164300',
    phoneNumber: '+31 6 1',
    emailAddress: 'a@b.nl',
  });
  t.equal(mergeDebtorUpdate(existing, { name: 'Jansen', emailAddress: '' }), null, 'nothing changed: no PUT');
});
