import { XMLParser } from 'fast-xml-parser';
import { buildMyshopSimulator, type MyshopSimulatorOptions, sha1Hex } from '../../src/index.js';

/** Shared setup: shop 12345 (the manual's example) with a private key and a linked partner. */
export const SHOP = '12345';
export const PRIVATE_KEY = 'geheime-sleutel';
export const PARTNER = { name: 'koppel', key: 'partner-key' };

export function fakeClock(start = '2025-03-01T13:05:09Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export function buildSim(overrides: MyshopSimulatorOptions = {}) {
  const clock = fakeClock();
  const sim = buildMyshopSimulator({
    shops: [{ number: SHOP, privateKey: PRIVATE_KEY, partners: [PARTNER.name] }],
    partners: [PARTNER],
    now: clock.now,
    ...overrides,
  });
  return Object.assign(sim, { clock });
}
export type Sim = ReturnType<typeof buildSim>;

export const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['order', 'orderline', 'vat'].includes(name),
});

export async function getRpcId(sim: Sim, shop = SHOP): Promise<string> {
  const res = await sim.app.inject({ url: `/RPC/id?shop=${shop}` });
  const id = /^(\d+)$/.exec(res.body)?.[1];
  if (!id) throw new Error(`no rpc id in ${res.body}`);
  return id;
}

/** The merchant order pull exactly as the manual describes it. */
export async function pullOrders(
  sim: Sim,
  changeTime: string,
  opts: { rpcId?: string; pk?: string; remoteAddress?: string } = {},
) {
  const rpcId = opts.rpcId ?? (await getRpcId(sim));
  const pk = opts.pk ?? sha1Hex(SHOP + changeTime + rpcId + PRIVATE_KEY);
  return sim.app.inject({
    url: `/RPC/orders/list?shop=${SHOP}&pk=${pk}&change_time=${changeTime}&rpc_id=${rpcId}`,
    ...(opts.remoteAddress !== undefined && { remoteAddress: opts.remoteAddress }),
  });
}

export type ExportOrder = Record<string, unknown> & { shop_order: string; change_time: string };
export function exportedOrders(body: string): ExportOrder[] {
  const doc = xml.parse(body) as { orders?: { order?: ExportOrder[] } | '' };
  return typeof doc.orders === 'object' ? (doc.orders.order ?? []) : [];
}

export const customer = { name: 'Jan Jansen', email: 'jan@example.nl' };
export const address = {
  name: 'Jan Jansen',
  street: 'Dorpsstraat',
  housenumber: '12',
  zipcode: '1234AB',
  city: 'Utrecht',
  country: 'NL',
};

export async function seedOrder(sim: Sim, body: Record<string, unknown> = {}) {
  const res = await sim.app.inject({
    method: 'POST',
    url: `/_control/shops/${SHOP}/orders`,
    payload: {
      customer,
      invoice_address: address,
      lines: [{ description: 'Mok wit', quantity: 2, unit_price: '29.00' }],
      ...body,
    },
  });
  if (res.statusCode !== 201) throw new Error(`seed order failed: ${res.body}`);
  return res.json() as { orderId: string; number: number };
}
