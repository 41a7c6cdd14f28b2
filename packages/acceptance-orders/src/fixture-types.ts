/** What one acceptance fixture states: the order, the shop's own totals and its VAT situation. */
import type { CanonicalOrder } from '@koppel/contracts';

/** The shop's totals in minor units of the order currency, as the shop shows them. */
export type ShopTotals = { net: bigint; vat: bigint; gross: bigint };

export type VatSituation =
  /** Customer in the shop's own country: the home rates. */
  | { kind: 'domestic' }
  /** EU B2B with a valid VAT number in another member state: 0 %, reverse charge. */
  | { kind: 'reverse-charge'; countryCode: string; customerVatNumber: string }
  /** EU B2C in another member state: the destination country's rates (OSS). */
  | { kind: 'oss'; countryCode: string; vatRatesBp: readonly number[] };

export type AcceptanceFixture = {
  /** Stable kebab-case name, used as the test name. */
  name: string;
  description: string;
  /** The shop's own VAT country. */
  homeCountry: string;
  order: CanonicalOrder;
  /** Written out by hand from the shop's point of view, never computed by the code under test. */
  shop: ShopTotals;
  vat: VatSituation;
  /**
   * True when a line's unit price has more decimals than the currency's minor unit (Shoprenter's
   * 4-decimal net prices, a gross-priced shop's net): the line carries the exact unit price
   * (`unit_price_net_exact` / `unit_price_gross_exact`) and its totals are rounded once from it
   * (README "Sub-cent unit prices").
   */
  subMinorUnitPrices: boolean;
};
