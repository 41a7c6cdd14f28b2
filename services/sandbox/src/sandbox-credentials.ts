/**
 * Credentials the sandbox hands to the simulators that have none built in (Mijnwebwinkel, myShop)
 * or whose defaults are not exported (Shoprenter, MplusKASSA). Sandbox values on loopback, never
 * real secrets: they are printed at start so a user can paste them into a connection.
 */
export const SANDBOX_CREDENTIALS = Object.freeze({
  shoprenter: Object.freeze({
    shopName: 'demo',
    clientId: 'sim-client-id',
    clientSecret: 'sim-client-secret',
    basicUser: 'sim-user',
    basicApiKey: 'sim-api-key',
  }),
  mijnwebwinkel: Object.freeze({
    token: 'sandbox-store-token',
    partnerToken: 'sandbox-partner-token',
    partnerName: 'Koppel',
  }),
  myshop: Object.freeze({
    shopNumber: '100001',
    privateKey: 'sandbox-private-key',
    partnerName: 'koppel',
    partnerKey: 'sandbox-partner-key',
  }),
  mplus: Object.freeze({ ident: 'koppel-sandbox', secret: 'sandbox-secret' }),
});
