/**
 * `npm run demo`: with `npm start` running, places an order in the Shoprenter simulator and shows
 * what Koppel made of it: the debtor and sales invoice in the Asperion simulator, and the order's
 * journey from Koppel's admin API. Every step is a plain HTTP call, the same as the README's curls.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

const env = z
  .object({
    KOPPEL_DATA_DIR: z.string().default('.koppel-data'),
    KOPPEL_HOST: z.string().default('127.0.0.1'),
    KOPPEL_ADMIN_PORT: z.coerce.number().int().default(8081),
    KOPPEL_SIM_SHOPRENTER_PORT: z.coerce.number().int().default(8091),
    KOPPEL_SIM_ASPERION_PORT: z.coerce.number().int().default(8092),
    ADMIN_API_KEYS: z.string().optional(),
  })
  .parse(process.env);

const shoprenter = `http://${env.KOPPEL_HOST}:${env.KOPPEL_SIM_SHOPRENTER_PORT}`;
const asperion = `http://${env.KOPPEL_HOST}:${env.KOPPEL_SIM_ASPERION_PORT}`;
const admin = `http://${env.KOPPEL_HOST}:${env.KOPPEL_ADMIN_PORT}/admin/v1`;
const apiKey =
  env.ADMIN_API_KEYS?.split(',')[0] ??
  readFileSync(join(resolve(env.KOPPEL_DATA_DIR), 'admin-api-key'), 'utf8').trim();

const invoiceSchema = z.object({ invoiceNumber: z.string(), debtorCustomerNumber: z.string() }).passthrough();
const debtorSchema = z.object({ customerNumber: z.string() }).passthrough();

async function call(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, init).catch((error: unknown) => {
    throw new Error(`${url} does not answer (${String(error)}). Is \`npm start\` running?`);
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status}: ${text}`);
  return JSON.parse(text);
}

const email = `demo-${Date.now().toString(36)}@example.nl`;
console.log(`1. A shopper orders in the Shoprenter simulator (${email})`);
const created = z
  .object({ innerId: z.coerce.string() })
  .passthrough()
  .parse(
    await call(`${shoprenter}/_control/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { firstname: 'Anna', lastname: 'de Vries', email, phone: '+31201234567' },
        company: 'De Vries Thee B.V.',
        taxNumber: 'NL859123456B01',
        billingAddress: {
          address1: 'Kerkstraat 12a',
          city: 'Utrecht',
          postcode: '3511 AB',
          countryCode: 'NL',
        },
        lines: [
          { sku: 'MUG-01', name: 'Mug', netPrice: '12.40', taxRate: '21', quantity: 2 },
          { sku: 'TEA-01', name: 'Tea', netPrice: '4.95', taxRate: '9', quantity: 3 },
        ],
        shipping: { name: 'PostNL', extension: 'WSESHIP', netPrice: '4.13', taxRate: '21' },
        payment: { name: 'iDEAL', code: 'BANK_TRANSFER', netPrice: '0', taxRate: '21' },
        currency: 'EUR',
      }),
    }),
  );
console.log(`   order ${created.innerId} placed; the shop sends its order_confirm webhook to Koppel\n`);

console.log('2. Waiting for the invoice in the Asperion simulator');
const invoiceNumber = `WEB-${created.innerId}`;
let invoice: z.infer<typeof invoiceSchema> | undefined;
for (let attempt = 0; attempt < 100 && !invoice; attempt += 1) {
  const { invoices } = z
    .object({ invoices: z.array(invoiceSchema) })
    .parse(await call(`${asperion}/_control/invoices`));
  invoice = invoices.find((candidate) => candidate.invoiceNumber === invoiceNumber);
  if (!invoice) await sleep(200);
}
if (!invoice) throw new Error(`no invoice ${invoiceNumber} after 20 s: see the journey below`);
const { debtors } = z
  .object({ debtors: z.array(debtorSchema) })
  .parse(await call(`${asperion}/_control/debtors`));
console.log(
  '   debtor:',
  JSON.stringify(
    debtors.find((debtor) => debtor.customerNumber === invoice.debtorCustomerNumber),
    null,
    2,
  ),
);
console.log('   invoice:', JSON.stringify(invoice, null, 2), '\n');

console.log(`3. The order's journey in Koppel (GET ${admin}/connections/demo/orders/${created.innerId})`);
const journey = await call(`${admin}/connections/demo/orders/${created.innerId}`, {
  headers: { authorization: `Bearer ${apiKey}` },
});
console.log(JSON.stringify(journey, null, 2));
