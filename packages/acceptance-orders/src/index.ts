/**
 * Shared acceptance fixtures (issue 10, "Money right to the cent"): canonical orders for every
 * target with the shop's totals they must book exactly — quantities 1, 10 and 50, mixed rates,
 * shipping, payment fees, coupons, 4-decimal unit prices, EU reverse charge and OSS.
 */
export { EUR_FIXTURES } from './eur-fixtures.js';
export type { AcceptanceFixture, ShopTotals, VatSituation } from './fixture-types.js';
export { HU_EUR_FIXTURES } from './hu-eur-fixtures.js';
export { HUF_FIXTURES } from './huf-fixtures.js';
export { buildGrossPricedLine, buildOrder, type CustomerInput, type OrderInput } from './order-builder.js';
export {
  buildTestCustomerRef,
  buildTestOrder,
  PIET_JANSEN,
  type TestCustomerInput,
  type TestOrderInput,
} from './test-order-builder.js';
