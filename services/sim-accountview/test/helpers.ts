import { type AccountviewSimulatorOptions, buildAccountviewSimulator } from '../src/index.js';

export const COMPANY_ID = '7c1f3a52-4b8e-4d0a-9a41-3e2f6b5c8d01';
export const CLIENT = {
  id: 'koppel-sandbox',
  secret: 'sandbox-secret',
  redirect: 'http://localhost:8080/oauth/accountview/callback',
};

/** A simulator plus a valid access token obtained through the real code exchange. */
export async function startSimulator(options: AccountviewSimulatorOptions = {}) {
  const sim = buildAccountviewSimulator({ rateLimit: null, ...options });
  const codeResponse = await sim.app.inject({
    method: 'POST',
    url: '/_control/authorization-codes',
    payload: { clientId: CLIENT.id },
  });
  const { code } = codeResponse.json() as { code: string };
  const tokenResponse = await sim.app.inject({
    method: 'POST',
    url: '/api/v3/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLIENT.redirect,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    }).toString(),
  });
  const tokens = tokenResponse.json() as { access_token: string; refresh_token: string };
  const headers = { authorization: `Bearer ${tokens.access_token}`, 'x-company': COMPANY_ID };
  const get = (query: Record<string, string>) =>
    sim.app.inject({
      method: 'GET',
      url: `/api/v3/accountviewdata?${new URLSearchParams(query).toString()}`,
      headers,
    });
  const post = (payload: object, method: 'POST' | 'PUT' = 'POST') =>
    sim.app.inject({ method, url: '/api/v3/accountviewdata', headers, payload });
  const control = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
    sim.app.inject({ method, url: `/_control${path}`, ...(payload ? { payload } : {}) });
  return { sim, app: sim.app, tokens, headers, get, post, control };
}

/** Debtor-create body in the AV-PAS field order (notes §2.4). */
export function debtorBody(values: {
  SUB_NR?: string;
  ACCT_NAME: string;
  MAIL_BUS?: string;
  MAIN_CONT?: string;
}) {
  const fields = Object.keys(values);
  return {
    BookDate: '2025-03-01T10:00:00.000Z',
    BusinessObject: 'AR1',
    Table: {
      Definition: {
        Name: 'CONTACT',
        Fields: [{ Name: 'RowId', FieldType: 'C' }, ...fields.map((Name) => ({ Name, FieldType: 'C' }))],
      },
    },
    TableData: { Data: { Rows: [{ Values: ['1', ...Object.values(values)] }] } },
  };
}

export async function seedShop(control: Awaited<ReturnType<typeof startSimulator>>['control']) {
  await control('POST', '/companies/default/debtors', {
    rows: [
      { SUB_NR: '10045', ACCT_NAME: 'Jansen BV', MAIL_BUS: 'info@jansen.example', MAIN_CONT: 'P. Jansen' },
    ],
  });
  await control('POST', '/companies/default/articles', {
    rows: [
      {
        ART_CODE: 'TSHIRT-RED-M',
        ART_DESC1: 'T-shirt red M',
        PX_SELL: 25,
        VAT_CODE: '2',
        CNG_DATE: '2025-02-01T09:00:00',
      },
      {
        ART_CODE: 'SHIP',
        ART_DESC1: 'Verzendkosten',
        PX_SELL: 4.95,
        VAT_CODE: '2',
        CNG_DATE: '2025-03-02T09:00:00',
      },
    ],
  });
  await control('PUT', '/companies/default/stock', {
    rows: [
      { artCode: 'TSHIRT-RED-M', warehouse: 'HM', quantity: 10 },
      { artCode: 'TSHIRT-RED-M', warehouse: 'W2', quantity: 2.5 },
    ],
  });
}
