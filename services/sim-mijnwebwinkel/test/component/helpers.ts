import { buildMijnwebwinkelSimulator, type MijnwebwinkelSimulatorOptions } from '../../src/index.js';

/** Shared setup: one store token bound to one partner, a fake clock, JSON helpers. */
export const TOKEN = 'store-token-1';
export const PARTNER = 'partner-token-1';
export const AUTH = `token=${TOKEN}&partner_token=${PARTNER}`;

export function fakeClock(start = '2025-03-01T13:05:09Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export function buildSim(overrides: MijnwebwinkelSimulatorOptions = {}) {
  const clock = fakeClock();
  const sim = buildMijnwebwinkelSimulator({
    tokens: [{ token: TOKEN, partnerToken: PARTNER, partnerName: 'Koppel', active: true }],
    now: clock.now,
    rateLimit: null,
    ...overrides,
  });
  return Object.assign(sim, { clock });
}

export type Sim = ReturnType<typeof buildSim>;

export const janDebtor = {
  email: 'jan@example.nl',
  invoice: {
    name: 'Jan Jansen',
    phone: '0612345678',
    street: 'Dorpsstraat',
    number: '12',
    zipcode: '1234AB',
    city: 'Utrecht',
    country_code: 'NL',
  },
};

export async function seedArticle(sim: Sim, body: Record<string, unknown>) {
  const res = await sim.app.inject({ method: 'POST', url: '/_control/articles', payload: body });
  if (res.statusCode !== 201) throw new Error(`seed article failed: ${res.body}`);
  return res.json() as { id: number; uuid: string; stock: number | null };
}

export async function seedOrder(sim: Sim, body: Record<string, unknown> = {}) {
  const res = await sim.app.inject({
    method: 'POST',
    url: '/_control/orders',
    payload: {
      debtor: janDebtor,
      lines: [{ type: 'custom', description: 'Cadeaubon', unit_price: '25.00', rate: '0.00' }],
      ...body,
    },
  });
  if (res.statusCode !== 201) throw new Error(`seed order failed: ${res.body}`);
  return res.json() as { number: number; uuid: string };
}
