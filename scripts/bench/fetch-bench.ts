/**
 * CPU per call of the fetch a connector sends target calls through: Node's fetch against
 * `pooledFetch` of @koppel/connector-sdk (undici's request API), both on the same keep-alive
 * pool, against a Fastify server in this process answering a small JSON body (so the figures
 * include the server's share, the same for both).
 *
 *   node --import tsx scripts/bench/fetch-bench.ts     (FETCH_BENCH_CALLS, default 4000)
 */
import { createHostPool, type FetchLike, pooledFetch } from '@koppel/connector-sdk';
import Fastify from 'fastify';
import { z } from 'zod';

const calls = z.coerce.number().int().positive().default(4000).parse(process.env.FETCH_BENCH_CALLS);
const concurrency = 20;

const app = Fastify();
app.post('/invoices', async () => ({
  _data: { id: 1, number: 'F-1', email: 'anna@example.nl', lines: [1, 2, 3] },
}));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const pool = createHostPool();
const body = JSON.stringify({ debtorId: 7, lines: [{ code: 'A-1', quantity: 2 }] });

const nodeFetch: FetchLike = (input, init) => fetch(input, init);
const contenders: [string, FetchLike][] = [
  ['Node fetch', nodeFetch],
  ['pooledFetch', pooledFetch],
];

console.log(`fetch bench: ${calls} POSTs per contender, ${concurrency} at a time, Node ${process.version}`);
for (const [name, call] of contenders) {
  const once = async () => {
    const response = await call(`${address}/invoices`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      dispatcher: pool,
    } as RequestInit);
    await response.json();
  };
  for (let i = 0; i < 300; i += 1) await once();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let done = 0; done < calls; done += concurrency) {
    await Promise.all(Array.from({ length: concurrency }, once));
  }
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = performance.now() - started;
  console.log(
    `  ${name.padEnd(12)} ${((cpu.user + cpu.system) / 1000 / calls).toFixed(3)} ms CPU per call · ${Math.round((calls / elapsed) * 1000)} calls/s`,
  );
}
await pool.close();
await app.close();
