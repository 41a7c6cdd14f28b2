import { SANDBOX_CREDENTIALS } from '@koppel/sandbox';
import { ACCOUNTVIEW_DEFAULT_CLIENT, ACCOUNTVIEW_DEFAULT_COMPANY } from '@koppel/sim-accountview';
import type { DemoContext, DemoDefinition } from './demo-definition.js';

const shop = SANDBOX_CREDENTIALS.myshop;

/**
 * A refresh token as the AccountView consent flow ends: a code (the simulator's control API
 * stands in for the consent page), exchanged at `POST /api/v3/token`. Over HTTP, so the
 * simulator writes it to its state file and a restart still knows it.
 */
async function mintAccountviewRefreshToken(ctx: DemoContext): Promise<string> {
  const { app } = ctx.sims.accountview;
  const client = ACCOUNTVIEW_DEFAULT_CLIENT;
  const minted = await app.inject({
    method: 'POST',
    url: '/_control/authorization-codes',
    payload: { clientId: client.clientId },
  });
  const { code, redirectUri } = minted.json() as { code: string; redirectUri: string };
  const exchanged = await app.inject({
    method: 'POST',
    url: '/api/v3/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }).toString(),
  });
  if (exchanged.statusCode !== 200) throw new Error(`AccountView token exchange failed: ${exchanged.body}`);
  return (exchanged.json() as { refresh_token: string }).refresh_token;
}

/**
 * `demo-myshop`: the myShop simulator (shop 100001, order pull with the sha1 `pk` handshake) →
 * the AccountView simulator (company DEMO): each order a sales invoice as a journal page (DJ2)
 * in the "Verkoopboek" (daybook 70), numbered `WEB-<order number>`, the debtor found by e-mail.
 */
export const myshopToAccountview: DemoDefinition = {
  id: 'demo-myshop',
  title: 'myShop → AccountView',
  source: 'myshop',
  target: 'accountview',
  connection: async (ctx) => ({
    name: 'Demo: myShop simulator → AccountView simulator',
    sourceSystem: 'myshop',
    targetSystem: 'accountview',
    sourceSettings: {
      shopNumber: shop.shopNumber,
      rpcBaseUrl: `${ctx.urls.myshop}/RPC`,
      polling: { enabled: true, intervalSeconds: ctx.pollSeconds },
    },
    sourceCredentials: { privateKey: shop.privateKey },
    settings: {
      apiBaseUrl: `${ctx.urls.accountview}/api/v3`,
      companyId: ACCOUNTVIEW_DEFAULT_COMPANY.Id,
      documentType: 'journal-page',
      daybookCode: '70',
      vatCodes: [
        { vatRateBp: 2100, vatCode: '2' },
        { vatRateBp: 900, vatCode: '1' },
        { vatRateBp: 0, vatCode: '0' },
      ],
      revenueAccounts: [
        { vatRateBp: 2100, accountNumber: '8000' },
        { vatRateBp: 900, accountNumber: '8020' },
        { vatRateBp: 0, accountNumber: '8030' },
      ],
      shippingAccountNumber: '8010',
      defaultCreditDays: 14,
      checkProducts: false,
    },
    credentials: {
      clientId: ACCOUNTVIEW_DEFAULT_CLIENT.clientId,
      clientSecret: ACCOUNTVIEW_DEFAULT_CLIENT.clientSecret,
      refreshToken: await mintAccountviewRefreshToken(ctx),
    },
  }),
  sampleOrder: {
    path: `/_control/shops/${shop.shopNumber}/orders`,
    // Prices incl. VAT, as myShop's checkout keeps them: a mug (21 %), tea (9 %), shipping.
    body: (email) => ({
      customer: { name: 'Jan Jansen', email },
      invoice_address: {
        name: 'Jan Jansen',
        street: 'Dorpsstraat',
        housenumber: '12',
        zipcode: '1234AB',
        city: 'Utrecht',
        country: 'NL',
      },
      lines: [
        { description: 'Mok wit', quantity: 2, unit_price: '12.10', vat_rate: '21.00' },
        { description: 'Thee', quantity: 3, unit_price: '5.40', vat_rate: '9.00' },
      ],
      shipping_costs: { amount: '6.05', vat_rate: '21.00' },
      payment_status: 'paid',
    }),
    externalOrderId: (answer) => {
      const orderId = (answer as { orderId?: unknown } | null)?.orderId;
      if (typeof orderId !== 'string' && typeof orderId !== 'number')
        throw new Error('no orderId in the answer');
      return String(orderId);
    },
  },
};
