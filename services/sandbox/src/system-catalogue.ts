import {
  DEFAULT_CLIENT as ASPERION_CLIENT,
  DEFAULT_ADMINISTRATION_ID,
  DEFAULT_USER_ID,
} from '@koppel/sim-asperion';
import { ACCOUNTVIEW_DEFAULT_CLIENT } from '@koppel/sim-accountview';
import { INNVOICE_DEFAULT_CREDENTIALS as INNVOICE } from '@koppel/sim-innvoice';
import type { SystemName } from './ports.js';
import { SANDBOX_CREDENTIALS as C } from './sandbox-credentials.js';

export type SystemInfo = {
  /** Product name as users know it. */
  title: string;
  /** Its role for Koppel. */
  role: 'webshop' | 'bookkeeping' | 'point of sale' | 'invoicing';
  /** The simulator's own control API (seed, inspect, reset); sim-kit lives under `/_sim`. */
  controlPath: string;
  /** The default credentials, as a connection would take them. */
  credentials: string;
};

/** What `npm run sandbox` prints next to each URL. */
export const SYSTEM_CATALOGUE: Readonly<Record<SystemName, SystemInfo>> = Object.freeze({
  asperion: {
    title: 'Asperion',
    role: 'bookkeeping',
    controlPath: '/_control',
    credentials: `OAuth client ${ASPERION_CLIENT.clientId} / ${ASPERION_CLIENT.clientSecret}, user ${DEFAULT_USER_ID}, administration ${DEFAULT_ADMINISTRATION_ID}`,
  },
  accountview: {
    title: 'AccountView',
    role: 'bookkeeping',
    controlPath: '/_control',
    credentials: `OAuth client ${ACCOUNTVIEW_DEFAULT_CLIENT.clientId} / ${ACCOUNTVIEW_DEFAULT_CLIENT.clientSecret} (codes via POST /_control/authorization-codes)`,
  },
  mijnwebwinkel: {
    title: 'Mijnwebwinkel',
    role: 'webshop',
    controlPath: '/_control',
    credentials: `token=${C.mijnwebwinkel.token} partner_token=${C.mijnwebwinkel.partnerToken}`,
  },
  myshop: {
    title: 'myShop',
    role: 'webshop',
    controlPath: '/_control',
    credentials: `shop ${C.myshop.shopNumber}, private key ${C.myshop.privateKey}; partner ${C.myshop.partnerName} / ${C.myshop.partnerKey}`,
  },
  mplus: {
    title: 'MplusKASSA',
    role: 'point of sale',
    controlPath: '/_control',
    credentials: `?ident=${C.mplus.ident}&secret=${C.mplus.secret}`,
  },
  shoprenter: {
    title: 'Shoprenter',
    role: 'webshop',
    controlPath: '/_control',
    credentials: `shop ${C.shoprenter.shopName}, OAuth client ${C.shoprenter.clientId} / ${C.shoprenter.clientSecret}; Basic ${C.shoprenter.basicUser} / ${C.shoprenter.basicApiKey}`,
  },
  innvoice: {
    title: 'InnVoice',
    role: 'invoicing',
    controlPath: '/_control',
    credentials: `company ${INNVOICE.name}, Basic ${INNVOICE.username} / ${INNVOICE.password}`,
  },
});
