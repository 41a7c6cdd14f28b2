/**
 * Pure functions on the canonical order: money in integer minor units, VAT with explicit
 * half-up rounding, lines and totals, e-mail, street and country normalisation, validation.
 */
export { cleanOrderText, cleanText } from './clean-order-text.js';
export { COUNTRY_NAMES } from './country-names.js';
export { normalizeCountryName, resolveCountryCode } from './country-resolver.js';
export {
  type DebtorParties,
  debtorAddress,
  debtorParties,
  formatPostCode,
  isCompanyCustomer,
  streetLine,
} from './debtor-parties.js';
export { isPlausibleEmail, normalizeEmail } from './email.js';
export { EU_MEMBER_STATES, normalizeVatNumber, reverseChargeVatNumber } from './eu-vat-number.js';
export {
  EXACT_PRICE_SCALE,
  exactLineTotal,
  exactUnitMinor,
  normalizeExactPrice,
  parseExactPrice,
  roundExactToMinor,
} from './exact-price.js';
export {
  type DecimalRounding,
  formatScaledDecimal,
  isKnownCurrency,
  minorDigits,
  type ParseMoneyOptions,
  parseMinorUnits,
  parseScaledDecimal,
  toDecimalNumber,
  toDecimalString,
} from './money.js';
export { buildDiscountLines, type DiscountInput } from './order-discounts.js';
export {
  buildDiscountLine,
  buildLine,
  buildLineFromGross,
  buildPaymentFeeLine,
  buildProductLine,
  buildShippingLine,
  type ExactUnitPrice,
  type GrossLineInput,
  type NetLineInput,
} from './order-lines.js';
export { computeTotals, lineVatAmounts, type RateBase, vatBreakdownByRate } from './order-totals.js';
export { type StreetAddress, splitStreetAndHouseNumber } from './street-address.js';
export { type OrderProblem, validateCanonicalOrder } from './validate-order.js';
export {
  assertVatRateBp,
  computeVat,
  divideHalfUp,
  grossFromNet,
  inferVatRateBp,
  KNOWN_VAT_RATES_BP,
  netFromGross,
  parseVatRateBp,
} from './vat.js';
export { type WallClock, wallClockIn } from './wall-clock.js';
