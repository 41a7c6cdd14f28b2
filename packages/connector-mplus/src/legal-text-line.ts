import { appError } from '@koppel/errors';
/**
 * The reverse-charge legal text on a VAT-shifted Mplus order or invoice (README "VAT"). Mplus's
 * `Order` has no free-text remark; its `Line` has `text` ("What text should be displayed"), but
 * `articleNumber` is required on an order line (WSDL `Line`: no `minOccurs="0"`), and a
 * text-only line without an article is documented only for table orders
 * (`PlaceTableOrderLineElem`: "Omit to add a text-only line"). So the text goes on a line of the
 * connection's `textArticleNumber` with quantity 1 and price 0, which adds nothing to the amounts.
 * WSDL: https://github.com/MplusKASSA/mplusqapi-php/blob/master/mplusqapi.wsdl
 */
import type { MplusLineDraft, MplusVatMethod } from './map-lines.js';
import { resolveTaxCode } from './resolve-rules.js';
import type { MplusSettings } from './settings.js';

export type LegalTextSettings = Pick<
  MplusSettings,
  'textArticleNumber' | 'reverseChargeLegalText' | 'reverseChargeTaxCode' | 'taxCodes'
>;

/**
 * The text line of a VAT-shifted reverse-charge order (`vatNumber`: the customer's VAT number as
 * `reverseChargeOf` in `map-order.ts` found it), when the connection has a text article.
 */
export function legalTextLine(
  vatNumber: string | undefined,
  settings: LegalTextSettings,
  vatMethod: MplusVatMethod,
  countryCode: string,
): MplusLineDraft | undefined {
  if (vatMethod !== 'VAT-METHOD-SHIFTED' || vatNumber === undefined) return undefined;
  const article = settings.textArticleNumber;
  // A reverse-charge invoice must state it (EU VAT directive art. 226(11a)); Mplus documents no
  // free-text field, so the statement travels on a line of the connection's text article.
  if (article === undefined)
    throw appError(
      'VALIDATION_FAILED',
      `an EU reverse-charge sale (VAT number ${vatNumber}) needs the legal text on the document, and Mplus ` +
        "carries it only on a line of a text article: set the connection's textArticleNumber (an Mplus " +
        'article for text lines), then replay',
      { field: 'target.settings.textArticleNumber' },
    );
  return {
    article: { articleNumber: article },
    text: `${settings.reverseChargeLegalText} ${vatNumber}`,
    quantity: 1n,
    unitPrice: 0n,
    discount: 0n,
    vatCode: settings.reverseChargeTaxCode ?? resolveTaxCode(settings.taxCodes, 0, countryCode),
    vatRateBp: 0,
    turnoverGroup: undefined,
    net: 0n,
    vat: 0n,
    gross: 0n,
    rounding: false,
  };
}
