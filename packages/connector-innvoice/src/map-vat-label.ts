/**
 * VAT rate → InnVoice `AfaSzoveg` label: `27%`, `18%`, `5%`, and for 0 % the exemption category
 * the sale falls under (labels of InnVoice's `AFAKulcsEnum` as the reference client lists them,
 * https://github.com/LovaszCC/laravel-innvoice, README "VAT"): an intra-EU B2B supply with the
 * buyer's EU VAT number `0% - KBA`, an export outside the EU `0% - EAM`, a domestic 0 % sale the
 * connection's own label (e.g. `0% - AAM` for a subject-exempt seller).
 */
import { innvoiceError } from './errors.js';
import type { InnvoiceSettings } from './settings.js';

const RATED: Readonly<Record<number, string>> = Object.freeze({ 2700: '27%', 1800: '18%', 500: '5%' });

/** EU member states (ISO 3166-1 alpha-2) for the intra-EU (KBA) and export (EAM) cases. */
const EU = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

export type VatContext = { buyerCountry: string; buyerTaxNumber: string };

export function vatLabelFor(
  vatRateBp: number,
  context: VatContext,
  settings: Pick<InnvoiceSettings, 'domesticZeroVatLabel'>,
  field: string,
): { label: string; ratePercent: number } {
  const rated = RATED[vatRateBp];
  if (rated !== undefined) return { label: rated, ratePercent: vatRateBp / 100 };
  if (vatRateBp === 0) {
    const country = context.buyerCountry || 'HU';
    if (country !== 'HU' && EU.has(country) && context.buyerTaxNumber !== '') {
      return { label: '0% - KBA', ratePercent: 0 };
    }
    if (!EU.has(country)) return { label: '0% - EAM', ratePercent: 0 };
    if (settings.domesticZeroVatLabel !== undefined) {
      return { label: settings.domesticZeroVatLabel, ratePercent: 0 };
    }
    throw innvoiceError(
      'VAT_RATE_NOT_SUPPORTED',
      `a 0 % line for a buyer in ${country} needs an exemption label: set domesticZeroVatLabel ` +
        '(e.g. "0% - AAM") or give an EU business buyer its VAT number',
      { field, details: { vatRateBp, country } },
    );
  }
  // An OSS sale at another member state's rate would need a label for that rate; InnVoice
  // documents none (README "VAT": the missing vendor fact), so it is refused, never relabelled.
  throw innvoiceError(
    'VAT_RATE_NOT_SUPPORTED',
    `InnVoice documents no VAT label (AfaSzoveg) for ${vatRateBp / 100} %: its labels are 27%, 18%, 5% ` +
      "and the 0 % exemption categories, so a sale at another country's rate (OSS) cannot be invoiced in InnVoice",
    { field, details: { vatRateBp, accepted: [2700, 1800, 500, 0] } },
  );
}
