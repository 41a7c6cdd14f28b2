/** The shared target conformance suite, run against the Mijnwebwinkel simulator (POST /orders). */
import { create } from '@bufbuild/protobuf';
import { CanonicalOrderSchema, CustomerRefSchema, DebtorKind, LineKind } from '@koppel/contracts';
import { runTargetConformance } from '@koppel/connector-sdk/testing';
import t from 'tap';
import { mijnwebwinkelTargetConnector } from '../src/index.js';
import { PARTNER_TOKEN, STORE_TOKEN, startSimulator } from './support/simulator.js';

let next = 0;

await runTargetConformance(t, {
  connector: mijnwebwinkelTargetConnector,
  async start() {
    const sim = await startSimulator();
    return {
      settings: { apiBaseUrl: sim.url, orderStatus: 4 },
      credentials: { apiToken: STORE_TOKEN, partnerToken: PARTNER_TOKEN },
      wrongCredentials: { apiToken: 'not-the-token' },
      close: () => sim.app.close(),
    };
  },
  order() {
    next += 1;
    const email = `kassa-${next}@example.nl`;
    const order = create(CanonicalOrderSchema, {
      connectionId: 'c1',
      tenantId: 't1',
      sourceSystem: 'mplus',
      externalId: `till-${next}`,
      orderNumber: `2026-${next}`,
      currency: 'EUR',
      customer: { email, firstName: 'Jan', lastName: 'Jansen' },
      billingAddress: {
        firstName: 'Jan',
        lastName: 'Jansen',
        street: 'Dorpsstraat',
        houseNumber: '12',
        postcode: '1234AB',
        city: 'Utrecht',
        countryCode: 'NL',
      },
      lines: [
        {
          kind: LineKind.PRODUCT,
          sku: 'MOK',
          name: 'Mok',
          quantity: 3,
          vatRateBp: 2100,
          totalGross: 3886n,
          unitPriceGross: 1295n,
        },
      ],
      totals: { gross: 3886n },
    });
    const customer = create(CustomerRefSchema, {
      customerId: `cust-${next}`,
      normalizedEmail: email,
      kind: DebtorKind.PERSON,
      displayName: 'Jan Jansen',
      contact: { firstName: 'Jan', lastName: 'Jansen' },
    });
    return { order, customer };
  },
});
