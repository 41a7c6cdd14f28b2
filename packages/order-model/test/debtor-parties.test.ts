import { create } from '@bufbuild/protobuf';
import { CanonicalOrderSchema, CustomerRefSchema, DebtorKind } from '@koppel/contracts';
import t from 'tap';
import { debtorAddress, debtorParties, formatPostCode, isCompanyCustomer, streetLine } from '../src/index.js';

const address = {
  firstName: 'Piet',
  lastName: 'Jansen',
  street: 'Kerkstraat',
  houseNumber: '12',
  houseNumberAddition: 'A',
  postcode: '3511ab',
  city: 'Utrecht',
  countryCode: 'NL',
};

function order(companyName: string) {
  return create(CanonicalOrderSchema, {
    currency: 'EUR',
    customer: {
      email: 'Piet@Example.NL ',
      firstName: 'Piet',
      lastName: 'Jansen',
      companyName,
      vatNumber: 'nl 0012.34567.B01',
      phone: ' 030 123 ',
    },
    billingAddress: address,
  });
}

const unclassified = create(CustomerRefSchema, { displayName: '' });

t.test('a company becomes the debtor, the person its contact', async (t) => {
  const parties = debtorParties(unclassified, order('Jansen BV'));
  t.same(parties, {
    isCompany: true,
    name: 'Jansen BV',
    contactName: 'Piet Jansen',
    email: 'piet@example.nl',
    vatNumber: 'NL001234567B01',
    phone: '030 123',
    address: parties.address,
  });
  t.equal(parties.address?.city, 'Utrecht');
});

t.test('a person is the debtor, named after them, without VAT number', async (t) => {
  const parties = debtorParties(unclassified, order(''));
  t.equal(parties.isCompany, false);
  t.equal(parties.name, 'Piet Jansen');
  t.equal(parties.contactName, 'Piet Jansen');
  t.equal(parties.vatNumber, '');
});

t.test("the registry's classification and display name win over the order", async (t) => {
  const person = create(CustomerRefSchema, { kind: DebtorKind.PERSON, displayName: 'P. Jansen' });
  t.equal(isCompanyCustomer(person, order('Jansen BV')), false);
  t.equal(debtorParties(person, order('Jansen BV')).name, 'P. Jansen');
  const company = create(CustomerRefSchema, { kind: DebtorKind.COMPANY, displayName: '' });
  t.equal(isCompanyCustomer(company, order('')), true);
  t.equal(debtorParties(company, order('')).name, 'piet@example.nl', 'no company name: the e-mail');
});

t.test('no name at all: the e-mail', async (t) => {
  const bare = create(CanonicalOrderSchema, { customer: { email: 'x@example.nl' } });
  t.equal(debtorParties(unclassified, bare).name, 'x@example.nl');
  t.equal(debtorAddress(bare), undefined);
});

t.test('address helpers', async (t) => {
  t.equal(streetLine(address), 'Kerkstraat 12 A');
  t.equal(formatPostCode('3511ab', 'NL'), '3511 AB');
  t.equal(formatPostCode('1119', 'HU'), '1119');
  const shippingOnly = create(CanonicalOrderSchema, {
    billingAddress: { city: ' ' },
    shippingAddress: address,
  });
  t.equal(debtorAddress(shippingOnly)?.street, 'Kerkstraat');
});
