/**
 * Acceptance orders of a Hungarian shop in forint (home country HU, rates 27 / 18 / 5 %), for
 * InnVoice. Shop totals are in fillér (ISO 4217 gives HUF two minor digits); a whole-forint
 * target compares them after its one conversion to forints.
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

const HOME = 'HU';

const hungarianConsumer: CustomerInput = {
  email: 'gipsz.jakab@acceptance.example',
  firstName: 'Jakab',
  lastName: 'Gipsz',
  companyName: '',
  vatNumber: '',
  street: 'Próba utca',
  houseNumber: '2',
  postcode: '1119',
  city: 'Budapest',
  countryCode: 'HU',
};

/** Products at 27, 18 and 5 % (5 %: net 4761.90 Ft, gross 5000 Ft), shipping and fee at 27 %, a 990 Ft coupon. */
function mixedHuLines(quantity: number): OrderLine[] {
  const products = [
    buildProductLine({ name: 'Póló', sku: 'POLO-M', quantity, unitPriceNet: 315000n, vatRateBp: 2700 }),
    buildProductLine({ name: 'Kenyér', sku: 'KENYER', quantity, unitPriceNet: 50000n, vatRateBp: 1800 }),
    buildProductLine({ name: 'Könyv', sku: 'KONYV-1', quantity, unitPriceNet: 476190n, vatRateBp: 500 }),
  ];
  return [
    ...products,
    buildShippingLine({ name: 'GLS', unitPriceNet: 118110n, vatRateBp: 2700 }),
    buildPaymentFeeLine({ name: 'Utánvét', unitPriceNet: 39370n, vatRateBp: 2700 }),
    ...buildDiscountLines({ name: 'Kupon TAVASZ', sku: 'TAVASZ', totalGross: 99000n }, products),
  ];
}

function mixedHu(quantity: number, shop: AcceptanceFixture['shop']): AcceptanceFixture {
  return {
    name: `hu-mixed-qty-${quantity}`,
    description: `quantity ${quantity} at 27/18/5 %, shipping, payment fee (utánvét), coupon`,
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: `HU${quantity}`,
      currency: 'HUF',
      customer: hungarianConsumer,
      lines: mixedHuLines(quantity),
      rounding: VatRounding.PER_LINE,
    }),
    shop,
    vat: { kind: 'domestic' },
    subMinorUnitPrices: false,
  };
}

export const HUF_FIXTURES: readonly AcceptanceFixture[] = Object.freeze([
  mixedHu(1, { net: 911836n, vat: 148214n, gross: 1060050n }),
  mixedHu(10, { net: 8482546n, vat: 1208949n, gross: 9691495n }),
  mixedHu(50, { net: 42130146n, vat: 5923329n, gross: 48053475n }),
  {
    name: 'hu-shoprenter-4-decimals',
    description: 'Shoprenter: 5000 Ft gross at 5 % (net 4761.9048 Ft) × 1, 10 and 50',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'HU4D',
      currency: 'HUF',
      customer: hungarianConsumer,
      lines: [1, 10, 50].map((quantity) =>
        buildGrossPricedLine({
          name: 'Könyv',
          sku: 'KONYV-1',
          quantity,
          currency: 'HUF',
          unitPriceGross: '5000',
          unitPriceNet: '4761.9048',
          vatRateBp: 500,
        }),
      ),
      rounding: VatRounding.PER_LINE,
    }),
    shop: { net: 29047619n, vat: 1452381n, gross: 30500000n },
    vat: { kind: 'domestic' },
    subMinorUnitPrices: true,
  },
  {
    name: 'hu-reverse-charge-at',
    description: 'Austrian company with VAT number ATU12345678: 0 %, reverse charge (KBA), shipping',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'HURC',
      currency: 'HUF',
      customer: {
        email: 'einkauf@beispiel-gmbh.example',
        firstName: 'Anna',
        lastName: 'Huber',
        companyName: 'Beispiel GmbH',
        vatNumber: 'ATU12345678',
        street: 'Ringstraße',
        houseNumber: '1',
        postcode: '1010',
        city: 'Wien',
        countryCode: 'AT',
      },
      lines: [
        buildProductLine({ name: 'Póló', sku: 'POLO-M', quantity: 50, unitPriceNet: 315000n, vatRateBp: 0 }),
        buildShippingLine({ name: 'GLS', unitPriceNet: 500000n, vatRateBp: 0 }),
      ],
      rounding: VatRounding.PER_LINE,
    }),
    shop: { net: 16250000n, vat: 0n, gross: 16250000n },
    vat: { kind: 'reverse-charge', countryCode: 'AT', customerVatNumber: 'ATU12345678' },
    subMinorUnitPrices: false,
  },
  {
    name: 'hu-oss-de',
    description: 'consumer in DE: 19 % (OSS) on the product and shipping',
    homeCountry: HOME,
    order: buildOrder({
      orderNumber: 'HUOSSDE',
      currency: 'HUF',
      customer: {
        ...hungarianConsumer,
        street: 'Hauptstraße',
        postcode: '10115',
        city: 'Berlin',
        countryCode: 'DE',
      },
      lines: [
        buildProductLine({
          name: 'Póló',
          sku: 'POLO-M',
          quantity: 10,
          unitPriceNet: 315000n,
          vatRateBp: 1900,
        }),
        buildShippingLine({ name: 'GLS', unitPriceNet: 420000n, vatRateBp: 1900 }),
      ],
      rounding: VatRounding.PER_LINE,
    }),
    shop: { net: 3570000n, vat: 678300n, gross: 4248300n },
    vat: { kind: 'oss', countryCode: 'DE', vatRatesBp: [1900] },
    subMinorUnitPrices: false,
  },
]);
