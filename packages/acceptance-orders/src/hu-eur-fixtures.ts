/**
 * Acceptance orders of a Hungarian shop selling in euro (home country HU, rates 27 / 18 / 5 %),
 * for InnVoice's euro documents (`Devizanem` EUR): cents are kept, never rounded to whole units.
 * Shop totals in euro cents, written out by hand.
 */
import { VatRounding } from '@koppel/contracts';
import { buildProductLine, buildShippingLine } from '@koppel/order-model';
import type { AcceptanceFixture } from './fixture-types.js';
import { buildGrossPricedLine, buildOrder, type CustomerInput } from './order-builder.js';

const HOME = 'HU';

const hungarianConsumer: CustomerInput = {
  email: 'kiss.anna@acceptance.example',
  firstName: 'Anna',
  lastName: 'Kiss',
  companyName: '',
  vatNumber: '',
  street: 'Fő utca',
  houseNumber: '1',
  postcode: '1011',
  city: 'Budapest',
  countryCode: 'HU',
};

const germanConsumer: CustomerInput = {
  ...hungarianConsumer,
  email: 'max.muster@acceptance.example',
  firstName: 'Max',
  lastName: 'Muster',
  street: 'Hauptstraße',
  houseNumber: '5',
  postcode: '10115',
  city: 'Berlin',
  countryCode: 'DE',
};

export const HU_EUR_FIXTURES: readonly AcceptanceFixture[] = Object.freeze([
  {
    name: 'hu-eur-mixed-qty-10',
    description: 'euro: 10 × 25.00 at 27 %, 10 × 11.90 at 5 %, 10 × 3.33 at 18 %, shipping 9.90 at 27 %',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'HUEUR10',
      currency: 'EUR',
      customer: hungarianConsumer,
      lines: [
        buildProductLine({ name: 'Póló', sku: 'POLO-M', quantity: 10, unitPriceNet: 2500n, vatRateBp: 2700 }),
        buildProductLine({
          name: 'Könyv',
          sku: 'KONYV-1',
          quantity: 10,
          unitPriceNet: 1190n,
          vatRateBp: 500,
        }),
        buildProductLine({
          name: 'Kenyér',
          sku: 'KENYER',
          quantity: 10,
          unitPriceNet: 333n,
          vatRateBp: 1800,
        }),
        buildShippingLine({ name: 'GLS', unitPriceNet: 990n, vatRateBp: 2700 }),
      ],
      rounding: VatRounding.PER_LINE,
    }),
    // 250.00 + 67.50, 119.00 + 5.95, 33.30 + 5.99 (5.994), 9.90 + 2.67 (2.673)
    shop: { net: 41220n, vat: 8211n, gross: 49431n },
    vat: { kind: 'domestic' },
    subMinorUnitPrices: false,
  },
  {
    name: 'hu-eur-gross-priced',
    description: 'euro, gross-priced: 19.99 at 27 % × 1, 10 and 50',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'HUEURG',
      currency: 'EUR',
      customer: hungarianConsumer,
      lines: [1, 10, 50].map((quantity) =>
        buildGrossPricedLine({
          name: 'Bögre',
          sku: 'BOGRE',
          quantity,
          currency: 'EUR',
          unitPriceGross: '19.99',
          vatRateBp: 2700,
        }),
      ),
      rounding: VatRounding.PER_LINE,
    }),
    // Gross 19.99 / 199.90 / 999.50; net = gross / 1.27 once: 15.74 / 157.40 / 787.01.
    shop: { net: 96015n, vat: 25924n, gross: 121939n },
    vat: { kind: 'domestic' },
    subMinorUnitPrices: true,
  },
  {
    name: 'hu-eur-reverse-charge-de',
    description: 'euro: German company with VAT number DE123456789, 0 % (KBA), shipping',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'HUEURRC',
      currency: 'EUR',
      customer: {
        ...germanConsumer,
        email: 'einkauf@muster-gmbh.example',
        companyName: 'Muster GmbH',
        vatNumber: 'DE123456789',
      },
      lines: [
        buildProductLine({ name: 'Póló', sku: 'POLO-M', quantity: 50, unitPriceNet: 2500n, vatRateBp: 0 }),
        buildShippingLine({ name: 'GLS', unitPriceNet: 1500n, vatRateBp: 0 }),
      ],
      rounding: VatRounding.PER_LINE,
    }),
    shop: { net: 126500n, vat: 0n, gross: 126500n },
    vat: { kind: 'reverse-charge', countryCode: 'DE', customerVatNumber: 'DE123456789' },
    subMinorUnitPrices: false,
  },
  {
    name: 'hu-eur-oss-de',
    description: 'euro: consumer in DE, 19 % (OSS) on 2 × 25.00 and shipping 9.90',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'HUEUROSS',
      currency: 'EUR',
      customer: germanConsumer,
      lines: [
        buildProductLine({ name: 'Póló', sku: 'POLO-M', quantity: 2, unitPriceNet: 2500n, vatRateBp: 1900 }),
        buildShippingLine({ name: 'GLS', unitPriceNet: 990n, vatRateBp: 1900 }),
      ],
      rounding: VatRounding.PER_LINE,
    }),
    // 50.00 + 9.50, 9.90 + 1.88 (1.881)
    shop: { net: 5990n, vat: 1138n, gross: 7128n },
    vat: { kind: 'oss', countryCode: 'DE', vatRatesBp: [1900] },
    subMinorUnitPrices: false,
  },
]);
