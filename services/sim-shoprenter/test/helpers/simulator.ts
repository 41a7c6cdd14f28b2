import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildShoprenterSimulator,
  type CreateOrderInput,
  type ShoprenterSimulatorOptions,
} from '../../src/index.js';

export const CLIENT = { client_id: 'test-client', client_secret: 'test-secret' };

/** A simulator with one known OAuth client and, unless asked, no rate limit in the way. */
export function startSimulator(options: ShoprenterSimulatorOptions = {}) {
  return buildShoprenterSimulator({
    clients: [{ clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, scopes: ['orders'] }],
    rateLimit: false,
    ...options,
  });
}

export type Sim = ReturnType<typeof startSimulator>;

/** Takes a token over HTTP, as a connector would. */
export async function bearerHeaders(sim: Sim, accept = 'application/json'): Promise<Record<string, string>> {
  const res = await sim.app.inject({
    method: 'POST',
    url: '/demo/app/token',
    payload: { grant_type: 'client_credentials', ...CLIENT },
  });
  const body = res.json() as { access_token: string };
  return { authorization: `Bearer ${body.access_token}`, accept };
}

export function anOrder(overrides: Partial<CreateOrderInput> = {}): CreateOrderInput {
  return {
    customer: { firstname: 'Anna', lastname: 'Kovacs', email: 'anna@example.hu', phone: '+36301112222' },
    company: 'Kovacs Kft',
    taxNumber: '12345678-2-06',
    billingAddress: { address1: 'Fo utca 1', city: 'Szeged', postcode: '6720', zoneName: 'Csongrad' },
    lines: [
      { sku: 'MUG-01', name: 'Mug', netPrice: '4500', taxRate: '27', quantity: 2, category: 'Kitchen, Mugs' },
    ],
    shipping: { name: 'Home delivery', extension: 'WSESHIP', netPrice: '1000', taxRate: '27' },
    payment: { name: 'Cash on delivery', code: 'COD', netPrice: '0', taxRate: '27' },
    currency: 'HUF',
    ...overrides,
  };
}

export type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/** A real HTTP receiver on 127.0.0.1:0 recording what the simulator POSTs to it. */
export async function startReceiver(status = 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
