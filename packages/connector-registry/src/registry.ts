/**
 * Every connector Koppel runs, listed once. Ingest, mapping, delivery, admin, the runners and the
 * embedded mode all read these two lists: adding a system is one line here plus its own package
 * and deployable (see README.md).
 */
import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import { accountviewConnector } from '@koppel/connector-accountview';
import { asperionConnector } from '@koppel/connector-asperion';
import { innvoiceConnector } from '@koppel/connector-innvoice';
import { mijnwebwinkelConnector, mijnwebwinkelTargetConnector } from '@koppel/connector-mijnwebwinkel';
import { mplusConnector, mplusSourceConnector } from '@koppel/connector-mplus';
import { myshopConnector } from '@koppel/connector-myshop';
import { shoprenterConnector } from '@koppel/connector-shoprenter';

export const sourceConnectors: readonly AnySourceConnector[] = Object.freeze([
  shoprenterConnector,
  mijnwebwinkelConnector,
  myshopConnector,
  mplusSourceConnector,
]);

export const targetConnectors: readonly AnyTargetConnector[] = Object.freeze([
  asperionConnector,
  innvoiceConnector,
  accountviewConnector,
  mplusConnector,
  mijnwebwinkelTargetConnector,
]);
