import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { type CanonicalOrder, CanonicalOrderSchema, CustomerSchema, DebtorKind } from '@koppel/contracts';
import { AppError } from '@koppel/errors';
import t from 'tap';
import { classifyCustomer, normalizeCustomerEmail } from '../../../src/domain/classify-customer.js';

function order(overrides: MessageInitShape<typeof CanonicalOrderSchema> = {}): CanonicalOrder {
  return create(CanonicalOrderSchema, {
    connectionId: 'conn-1',
    tenantId: 'tenant-1',
    externalId: '1001',
    customer: create(CustomerSchema, {
      email: 'anna@example.nl',
      firstName: 'Anna',
      lastName: 'de Vries',
      phone: '+31201234567',
    }),
    ...overrides,
  });
}

t.test('e-mail addresses are trimmed and lower-cased', async (t) => {
  t.equal(normalizeCustomerEmail('  Anna.de.Vries@Example.NL \n'), 'anna.de.vries@example.nl');
  t.equal(normalizeCustomerEmail('anna@example.nl'), 'anna@example.nl');
  const profile = classifyCustomer(order({ customer: { email: ' ANNA@Example.nl ', firstName: 'Anna' } }));
  t.equal(profile.normalizedEmail, 'anna@example.nl');
});

t.test('a customer without a company is a person debtor named after the person', async (t) => {
  t.same(classifyCustomer(order()), {
    normalizedEmail: 'anna@example.nl',
    kind: DebtorKind.PERSON,
    displayName: 'Anna de Vries',
    companyName: '',
    firstName: 'Anna',
    lastName: 'de Vries',
    phone: '+31201234567',
    vatNumber: '',
  });
});

t.test('a company name makes a company debtor with the person as contact', async (t) => {
  const profile = classifyCustomer(
    order({
      customer: {
        email: 'anna@bakkerij.nl',
        firstName: ' Anna ',
        lastName: 'de Vries',
        companyName: ' Bakkerij de Vries B.V. ',
        vatNumber: ' NL123456789B01 ',
      },
    }),
  );
  t.match(profile, {
    kind: DebtorKind.COMPANY,
    displayName: 'Bakkerij de Vries B.V.',
    companyName: 'Bakkerij de Vries B.V.',
    firstName: 'Anna',
    lastName: 'de Vries',
    vatNumber: 'NL123456789B01',
  });
});

t.test('the billing address fills in a company and names the customer lacks', async (t) => {
  const profile = classifyCustomer(
    order({
      customer: { email: 'inkoop@kovacs.hu' },
      billingAddress: { firstName: 'Anna', lastName: 'Kovacs', companyName: 'Kovacs Kft' },
    }),
  );
  t.match(profile, {
    kind: DebtorKind.COMPANY,
    displayName: 'Kovacs Kft',
    firstName: 'Anna',
    lastName: 'Kovacs',
  });
  const customerWins = classifyCustomer(
    order({
      customer: { email: 'a@b.nl', firstName: 'Piet', companyName: 'Own B.V.' },
      billingAddress: { firstName: 'Anna', companyName: 'Billing B.V.' },
    }),
  );
  t.match(
    customerWins,
    { firstName: 'Piet', companyName: 'Own B.V.' },
    "the customer's own data comes first",
  );
});

t.test('a person without any name is named by the e-mail address', async (t) => {
  const profile = classifyCustomer(order({ customer: { email: 'Nobody@Example.nl' } }));
  t.match(profile, { kind: DebtorKind.PERSON, displayName: 'nobody@example.nl' });
});

t.test('an order without a usable e-mail is a permanent VALIDATION_FAILED naming the field', async (t) => {
  for (const [label, customer] of [
    ['no customer', undefined],
    ['empty e-mail', { email: '', firstName: 'Anna' }],
    ['blank e-mail', { email: '   ' }],
    ['no @', { email: 'anna.example.nl' }],
  ] as const) {
    const error = (() => {
      try {
        classifyCustomer(order(customer === undefined ? { customer: undefined } : { customer }));
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    t.ok(error instanceof AppError, `${label}: an AppError`);
    t.match(error, { code: 'VALIDATION_FAILED', retryable: false, field: 'order.customer.email' }, label);
  }
});
