export { describeVatRate, findRateRule, type RateRule } from './rate-rules.js';
export {
  countryCodeSchema,
  type RateLimitOptions,
  rateLimitSchema,
  reverseChargeLegalTextSchema,
  timeZoneSchema,
  vatRateBpSchema,
} from './settings-fragments.js';
