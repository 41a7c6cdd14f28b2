import { buildMijnwebwinkelSimulator, type MijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';

export const STORE_TOKEN = 'store-token-koppel';
export const PARTNER_TOKEN = 'partner-token-koppel';

export type RunningSimulator = MijnwebwinkelSimulator & { url: string };

/** The Mijnwebwinkel simulator listening on a free port, one store token bound to partner Koppel. */
export async function startSimulator(): Promise<RunningSimulator> {
  const sim = buildMijnwebwinkelSimulator({
    tokens: [{ token: STORE_TOKEN, partnerToken: PARTNER_TOKEN, partnerName: 'Koppel', active: true }],
    rateLimit: null,
  });
  const url = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  await seed(sim, '/_control/articles', {
    name: 'Mok',
    sku: 'MOK',
    categories: [{ id: 1 }],
    price: { default: '12.95' },
  });
  return Object.assign(sim, { url });
}

async function seed(sim: MijnwebwinkelSimulator, url: string, payload: Record<string, unknown>) {
  const response = await sim.app.inject({ method: 'POST', url, payload });
  if (response.statusCode !== 201) throw new Error(`simulator refused ${url}: ${response.body}`);
  return response.json() as Record<string, unknown>;
}

/** An order as a shopper's checkout would place it: a mug in a colour, shipping, a payment fee. */
export async function placeOrder(
  sim: MijnwebwinkelSimulator,
  overrides: Record<string, unknown> = {},
): Promise<{ number: number }> {
  return (await seed(sim, '/_control/orders', {
    debtor: {
      email: 'jan@example.nl',
      invoice: {
        name: 'Jan Jansen',
        street: 'Dorpsstraat',
        number: '12a',
        zipcode: '1234AB',
        city: 'Utrecht',
        country_code: 'NL',
      },
    },
    lines: [
      {
        type: 'article',
        sku: 'MOK',
        quantity: 2,
        options: [{ list_option_id: 7, description: 'Kleur: rood' }],
      },
      { type: 'custom', description: 'Verzendkosten', unit_price: '4.95', rate: '21.00' },
      { type: 'custom', description: 'Betaalkosten iDEAL', unit_price: '0.29', rate: '21.00' },
    ],
    ...overrides,
  })) as { number: number };
}

export async function changeOrder(
  sim: MijnwebwinkelSimulator,
  number: number,
  change: Record<string, unknown>,
): Promise<void> {
  const response = await sim.app.inject({
    method: 'PATCH',
    url: `/_control/orders/${number}`,
    payload: change,
  });
  if (response.statusCode !== 200) throw new Error(`simulator refused the change: ${response.body}`);
}
