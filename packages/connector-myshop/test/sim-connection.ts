/**
 * Test support: the myShop simulator on a real port with one shop, products and orders placed
 * through its control API, and the connection (settings, credentials) that reaches it.
 */
import type { AddressInfo } from 'node:net';
import { buildMyshopSimulator, type CreateOrderInput, type MyshopSimulator } from '@koppel/sim-myshop';

export const SHOP = '12345';
export const PRIVATE_KEY = 'geheime-sleutel';

/** A Dutch company order: two VAT rates, shipping and payment costs and a coupon. */
export function companyOrder(index: number): CreateOrderInput {
  return {
    customer: {
      name: 'Anna de Vries',
      email: `anna+${index}@example.nl`,
      phone: '0612345678',
      company: 'De Vries B.V.',
      vat_number: 'NL123456789B01',
    },
    invoice_address: {
      name: 'Anna de Vries',
      company: 'De Vries B.V.',
      street: 'Kerkstraat',
      housenumber: '12a',
      zipcode: '3511 AB',
      city: 'Utrecht',
      country: 'NL',
    },
    lines: [
      { sku: 'MOK-W', quantity: 3, unit_price: '12.99', vat_rate: '21.00' },
      { sku: 'THEE-1', quantity: 2, unit_price: '4.95', vat_rate: '9.00' },
    ],
    shipping_costs: { amount: '6.95', vat_rate: '21.00' },
    payment_costs: { amount: '0.29', vat_rate: '21.00' },
    discounts: [{ code: 'WELKOM', description: '', amount: '5.00' }],
    payment_status: 'paid',
    aborted: false,
    currency: 'EUR',
    comment: 'Graag na 17u',
    mutate_stock: true,
  };
}

export type RunningSim = { sim: MyshopSimulator; baseUrl: string; close(): Promise<void> };

export async function startSim(options: { allowedIp?: string } = {}): Promise<RunningSim> {
  const sim = buildMyshopSimulator({
    shops: [{ number: SHOP, privateKey: PRIVATE_KEY, allowedIp: options.allowedIp ?? null }],
    changeTimeGranularity: 'day',
  });
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = sim.app.server.address() as AddressInfo;
  for (const product of [
    { product_id: '501', sku: 'MOK-W', ean: '8712345678906', name: 'Mok wit', stock: 50 },
    { product_id: '502', sku: 'THEE-1', ean: '8712345678913', name: 'Thee rooibos', stock: null },
  ]) {
    await control(sim, 'POST', `/_control/shops/${SHOP}/products`, product);
  }
  return { sim, baseUrl: `http://127.0.0.1:${port}/RPC`, close: () => sim.app.close() };
}

export async function control(sim: MyshopSimulator, method: 'POST' | 'PATCH', url: string, payload: object) {
  const res = await sim.app.inject({ method, url, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} failed: ${res.body}`);
  return res.json() as { orderId: string; number: number };
}

export async function placeOrder(sim: MyshopSimulator, input: CreateOrderInput) {
  return control(sim, 'POST', `/_control/shops/${SHOP}/orders`, input);
}

export function connectionTo(baseUrl: string) {
  return {
    settings: { shopNumber: SHOP, rpcBaseUrl: baseUrl, polling: { enabled: true, intervalSeconds: 5 } },
    credentials: { privateKey: PRIVATE_KEY },
    wrongCredentials: { privateKey: 'not-the-key' },
  };
}
