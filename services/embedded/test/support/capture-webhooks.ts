import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { demoOrder } from './demo-settings.js';

export type CapturedWebhook = { innerId: number; contentType: string; body: string };

/**
 * Authentic Shoprenter `order_confirm` webhook bodies, captured from the simulator before a run
 * starts (its own dispatcher, with `fetch` recording instead of sending), so a test or benchmark
 * measures Koppel, not the payload generator. `emailOf(i)` picks the customer of order i.
 */
export async function captureWebhooks(count: number, emailOf: (index: number) => string) {
  const bodies: { contentType: string; body: string }[] = [];
  const generator = buildShoprenterSimulator({
    rateLimit: false,
    fetch: async (_url, init) => {
      const headers = new Headers(init?.headers);
      bodies.push({ contentType: headers.get('content-type') ?? '', body: String(init?.body) });
      return new Response(null, { status: 204 });
    },
  });
  const registered = await generator.app.inject({
    method: 'POST',
    url: '/api/webHooks',
    headers: { authorization: `Bearer ${generator.issueToken()}`, 'content-type': 'application/json' },
    payload: {
      label: 'capture',
      event: 'order_confirm',
      status: '1',
      webHookParameters: [{ type: 'json', url: 'http://capture.invalid/' }],
    },
  });
  if (registered.statusCode >= 300) throw new Error(`webhook registration failed: ${registered.body}`);
  const innerIds: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const created = await generator.createOrder(demoOrder({ email: emailOf(i) }));
    innerIds.push(Number(created.innerId));
  }
  await generator.app.close();
  if (bodies.length !== count) throw new Error(`captured ${bodies.length} webhooks, expected ${count}`);
  return bodies.map((captured, index): CapturedWebhook => ({ ...captured, innerId: innerIds[index] ?? -1 }));
}
