/**
 * The yardstick for ingest: bare Fastify parsing the same webhook body as JSON and answering 202,
 * with nothing else (no authentication, no database, no broker). Listens on PORT, prints READY.
 */
import Fastify from 'fastify';
import { z } from 'zod';

const { PORT } = z.object({ PORT: z.coerce.number().int().min(0).default(0) }).parse(process.env);

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.post('/webhooks/:source/:connectionId/:secret', async (request, reply) => {
  const body = request.body as { orders?: { order?: unknown[] } } | undefined;
  return reply.code(202).send({ accepted: body?.orders?.order?.length ?? 0, duplicates: 0, ignored: 0 });
});
const url = await app.listen({ port: PORT, host: '127.0.0.1' });
process.stdout.write(`READY ${url}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
