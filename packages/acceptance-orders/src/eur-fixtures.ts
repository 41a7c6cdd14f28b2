/**
 * Acceptance orders of a Dutch shop in euro (home country NL, rates 21 / 9 / 0 %), for the EUR
 * targets (Asperion, AccountView, MplusKASSA). Shop totals are in cents.
 */
import { type OrderLine, VatRounding } from '@koppel/contracts';
import {
  buildDiscountLines,
  buildPaymentFeeLine,
  buildProductLine,
  buildShippingLine,
} from '@koppel/order-model';
import type { AcceptanceFixture } from './fixture-types.js';
import { buildGrossPricedLine, buildOrder, type CustomerInput } from './order-builder.js';

const HOME = 'NL';

const consumer = (countryCode: string, city: string, postcode: string): CustomerInput => ({
  email: `consument.${countryCode.toLowerCase()}@acceptance.example`,
  firstName: 'Eva',
  lastName: 'Smit',
  companyName: '',
  vatNumber: '',
  street: 'Hoofdstraat',
  houseNumber: '7',
  postcode,
  city,
  countryCode,
});

const dutchConsumer = consumer('NL', 'Utrecht', '3511 AA');

/** Products at 21, 9 and 0 %, shipping and a payment fee at 21 %, a € 5 coupon split over the rates. */
function mixedNlLines(quantity: number): OrderLine[] {
  const products = [
    buildProductLine({ name: 'T-shirt', sku: '100234', quantity, unitPriceNet: 1652n, vatRateBp: 2100 }),
    buildProductLine({ name: 'Kookboek', sku: '100235', quantity, unitPriceNet: 1835n, vatRateBp: 900 }),
    buildProductLine({ name: 'Cadeaubon', sku: '100236', quantity, unitPriceNet: 500n, vatRateBp: 0 }),
  ];
  return [
    ...products,
    buildShippingLine({ name: 'PostNL', unitPriceNet: 413n, vatRateBp: 2100 }),
    buildPaymentFeeLine({ name: 'iDEAL', unitPriceNet: 29n, vatRateBp: 2100 }),
    ...buildDiscountLines({ name: 'Coupon SPRING', sku: 'SPRING', totalGross: 500n }, products),
  ];
}

function mixedNl(
  quantity: number,
  rounding: VatRounding,
  shop: AcceptanceFixture['shop'],
): AcceptanceFixture {
  const perRate = rounding === VatRounding.PER_RATE;
  return {
    name: `nl-mixed-qty-${quantity}${perRate ? '-per-rate' : ''}`,
    description: `quantity ${quantity} at 21/9/0 %, shipping, payment fee, coupon; VAT rounded ${perRate ? 'per rate' : 'per line'}`,
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: `NL${quantity}${perRate ? 'R' : ''}`,
      currency: 'EUR',
      customer: dutchConsumer,
      lines: mixedNlLines(quantity),
      rounding,
    }),
    shop,
    vat: { kind: 'domestic' },
    subMinorUnitPrices: false,
  };
}

export const EUR_FIXTURES: readonly AcceptanceFixture[] = Object.freeze([
  mixedNl(1, VatRounding.PER_LINE, { net: 3986n, vat: 548n, gross: 4534n }),
  mixedNl(10, VatRounding.PER_LINE, { net: 39869n, vat: 5157n, gross: 45026n }),
  mixedNl(50, VatRounding.PER_LINE, { net: 199349n, vat: 25640n, gross: 224989n }),
  mixedNl(50, VatRounding.PER_RATE, { net: 199349n, vat: 25639n, gross: 224988n }),
  {
    name: 'nl-gross-priced-4-decimals',
    description: '€ 19.99 at 21 % (net 16.5207) × 1, 10 and 50 and € 50.00 at 9 % (net 45.8716) × 10',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'NL4D',
      currency: 'EUR',
      customer: dutchConsumer,
      lines: [1, 10, 50]
        .map((quantity) =>
          buildGrossPricedLine({
            name: 'Mok',
            sku: '100240',
            quantity,
            currency: 'EUR',
            unitPriceGross: '19.99',
            vatRateBp: 2100,
          }),
        )
        .concat(
          buildGrossPricedLine({
            name: 'Atlas',
            sku: '100241',
            quantity: 10,
            currency: 'EUR',
            unitPriceGross: '50.00',
            vatRateBp: 900,
          }),
        ),
      rounding: VatRounding.PER_LINE,
    }),
    shop: { net: 146648n, vat: 25291n, gross: 171939n },
    vat: { kind: 'domestic' },
    subMinorUnitPrices: true,
  },
  {
    name: 'nl-reverse-charge-de',
    description: 'German company with VAT number DE123456789: 0 %, reverse charge, shipping and coupon',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'NLRC',
      currency: 'EUR',
      customer: {
        email: 'einkauf@muster-gmbh.example',
        firstName: 'Max',
        lastName: 'Muster',
        companyName: 'Muster GmbH',
        vatNumber: 'DE 123 456 789',
        street: 'Hauptstraße',
        houseNumber: '5',
        postcode: '10115',
        city: 'Berlin',
        countryCode: 'DE',
      },
      lines: reverseChargeLines(),
      rounding: VatRounding.PER_LINE,
    }),
    shop: { net: 107020n, vat: 0n, gross: 107020n },
    vat: { kind: 'reverse-charge', countryCode: 'DE', customerVatNumber: 'DE123456789' },
    subMinorUnitPrices: false,
  },
  oss('DE', [1900, 700], 'Berlin', '10115', { net: 18589n, vat: 3320n, gross: 21909n }),
  oss('BE', [2100, 600], 'Brussel', '1000', { net: 18599n, vat: 3638n, gross: 22237n }),
  oss('FR', [2000, 550], 'Paris', '75001', { net: 18593n, vat: 3462n, gross: 22055n }),
]);

function reverseChargeLines(): OrderLine[] {
  const products = [
    buildProductLine({ name: 'T-shirt', sku: '100234', quantity: 10, unitPriceNet: 1652n, vatRateBp: 0 }),
    buildProductLine({ name: 'Kookboek', sku: '100235', quantity: 50, unitPriceNet: 1835n, vatRateBp: 0 }),
  ];
  return [
    ...products,
    buildShippingLine({ name: 'PostNL', unitPriceNet: 1250n, vatRateBp: 0 }),
    ...buildDiscountLines({ name: 'Coupon B2B', sku: 'B2B', totalGross: 2500n }, products),
  ];
}

/** A consumer in another member state, charged that state's standard and reduced rate (OSS). */
function oss(
  countryCode: string,
  [standard, reduced]: readonly [number, number],
  city: string,
  postcode: string,
  shop: AcceptanceFixture['shop'],
): AcceptanceFixture {
  const products = [
    buildProductLine({
      name: 'T-shirt',
      sku: '100234',
      quantity: 10,
      unitPriceNet: 1652n,
      vatRateBp: standard,
    }),
    buildProductLine({
      name: 'Kookboek',
      sku: '100235',
      quantity: 1,
      unitPriceNet: 1835n,
      vatRateBp: reduced,
    }),
  ];
  return {
    name: `nl-oss-${countryCode.toLowerCase()}`,
    description: `consumer in ${countryCode}: ${standard / 100} % and ${reduced / 100} % (OSS), shipping, payment fee, coupon`,
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: `NLOSS${countryCode}`,
      currency: 'EUR',
      customer: consumer(countryCode, city, postcode),
      lines: [
        ...products,
        buildShippingLine({ name: 'PostNL', unitPriceNet: 826n, vatRateBp: standard }),
        buildPaymentFeeLine({ name: 'Creditcard', unitPriceNet: 45n, vatRateBp: standard }),
        ...buildDiscountLines({ name: 'Coupon EU', sku: 'EU', totalGross: 750n }, products),
      ],
      rounding: VatRounding.PER_LINE,
    }),
    shop,
    vat: { kind: 'oss', countryCode, vatRatesBp: [standard, reduced] },
    subMinorUnitPrices: false,
  };
}
