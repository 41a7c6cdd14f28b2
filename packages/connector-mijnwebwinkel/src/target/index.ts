/** Mijnwebwinkel as a target (till orders → `POST /orders`); see README "Mijnwebwinkel as a target". */
export { mijnwebwinkelTargetConnector } from './target-connector.js';
export {
  formatCents,
  formatRate,
  prepareMijnwebwinkelOrder,
  referenceLine,
  tillReferenceOf,
} from './prepare-order.js';
export type { MijnwebwinkelOrderBody } from './order-body.js';
export {
  type MijnwebwinkelTargetCredentials,
  type MijnwebwinkelTargetSettings,
  mijnwebwinkelTargetCredentialsSchema,
  mijnwebwinkelTargetSettingsSchema,
} from './target-settings.js';
