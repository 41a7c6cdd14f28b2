/**
 * VAT rate → InnVoice `AfaSzoveg` label: `27%`, `18%`, `5%`, and for 0 % the exemption category
 * the sale falls under (labels of InnVoice's `AFAKulcsEnum` as the reference client lists them,
 * https://github.com/LovaszCC/laravel-innvoice, README "VAT"): an EU B2B reverse-charge supply
 * (decided once for every target by `reverseChargeVatNumber` of `@koppel/order-model`) `0% - KBA`,
 * an export outside the EU `0% - EAM`, any other 0 % sale the connection's own label (e.g.
 * `0% - AAM` for a subject-exempt seller).
 */
import { EU_MEMBER_STATES } from '@koppel/order-model';
import { innvoiceError } from './errors.js';
import type { InnvoiceSettings } from './settings.js';

const RATED: Readonly<Record<number, string>> = Object.freeze({ 2700: '27%', 1800: '18%', 500: '5%' });
const HOME_COUNTRY = 'HU';

export type VatContext = {
  buyerCountry: string;
  /** The buyer's VAT number when the order is an EU B2B reverse-charge sale, else undefined. */
  reverseChargeVatNumber: string | undefined;
};

export function vatLabelFor(
  vatRateBp: number,
  context: VatContext,
  settings: Pick<InnvoiceSettings, 'domesticZeroVatLabel'>,
  lineIndex: number,
): { label: string; ratePercent: number } {
  const field = `order.lines[${lineIndex}].vatRateBp`;
  const rated = RATED[vatRateBp];
  if (rated !== undefined) return { label: rated, ratePercent: vatRateBp / 100 };
  const country = context.buyerCountry || HOME_COUNTRY;
  if (vatRateBp === 0) {
    if (context.reverseChargeVatNumber !== undefined) return { label: '0% - KBA', ratePercent: 0 };
    if (!EU_MEMBER_STATES.has(country)) return { label: '0% - EAM', ratePercent: 0 };
    if (settings.domesticZeroVatLabel !== undefined) {
      return { label: settings.domesticZeroVatLabel, ratePercent: 0 };
    }
    throw innvoiceError(
      'VAT_RATE_NOT_SUPPORTED',
      `order line ${lineIndex + 1} is at 0 % for a buyer in ${country} and needs an exemption label: set ` +
        'domesticZeroVatLabel (e.g. "0% - AAM"), or, for an EU business buyer outside Hungary, give its ' +
        'VAT number with its country prefix (reverse charge, "0% - KBA")',
      { field, details: { vatRateBp, country } },
    );
  }
  const rate = `${vatRateBp / 100} %`;
  const labels = "InnVoice's VAT labels (AfaSzoveg) are only 27%, 18%, 5% and the 0 % exemption categories";
  if (country !== HOME_COUNTRY && EU_MEMBER_STATES.has(country)) {
    // An OSS sale at another member state's rate would need a label for that rate; InnVoice
    // documents none (README "VAT": the missing vendor fact), so it is refused, never relabelled.
    throw innvoiceError(
      'VAT_RATE_NOT_SUPPORTED',
      `order line ${lineIndex + 1} is at ${rate} for a buyer in ${country}, an EU distance sale at the ` +
        `destination country's rate (OSS). ${labels}; no ${rate} label is documented, so Koppel cannot ` +
        'invoice this order in InnVoice. Issue its invoice by hand (in InnVoice if your account offers ' +
        `a ${rate} label, or in the tool you declare OSS with); a replay will be refused again.`,
      { field, details: { vatRateBp, country, oss: true, accepted: [2700, 1800, 500, 0] } },
    );
  }
  throw innvoiceError(
    'VAT_RATE_NOT_SUPPORTED',
    `order line ${lineIndex + 1} is at ${rate} for a buyer in ${country}, which is not a Hungarian VAT ` +
      `rate. ${labels}; correct the product's VAT rate in the shop, then replay the order.`,
    { field, details: { vatRateBp, country, accepted: [2700, 1800, 500, 0] } },
  );
}
