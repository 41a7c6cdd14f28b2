import { AppError, appError } from '@koppel/errors';
import Fastify from 'fastify';
import t from 'tap';
import { z } from 'zod';
import { installProblemHandler } from '../src/index.js';

function buildApp() {
  const app = Fastify({ logger: false, bodyLimit: 64 });
  installProblemHandler(app);
  app.get('/app-error', async () => {
    throw appError('TARGET_RATE_LIMITED', 'Asperion said slow down', {
      retryAfterSeconds: 7,
      field: 'connection.credentials',
    });
  });
  app.get('/custom-code', async () => {
    throw new AppError('ASPERION_LEDGER_MISSING', 'ledger 8000 is not in the administration', {
      httpStatus: 422,
      details: { ledgerAccountId: 8000 },
    });
  });
  app.get('/bug', async () => {
    throw new TypeError('cannot read properties of undefined');
  });
  app.get('/db-error', async () => {
    // What pg throws: the server's message names tables, constraints and values.
    throw Object.assign(new Error('duplicate key value violates unique constraint "orders_pkey"'), {
      code: '23505',
      severity: 'ERROR',
    });
  });
  app.get('/overflow', async () => {
    throw new RangeError('Maximum call stack size exceeded');
  });
  app.get('/status-502', async () => {
    throw Object.assign(new Error('socket hang up at 10.0.3.7:5432'), { statusCode: 502 });
  });
  app.get('/unavailable', async () => {
    throw appError('BUS_UNAVAILABLE', 'Kafka is not reachable; retry shortly');
  });
  app.get('/coded-internal', async () => {
    throw appError('INTERNAL_ERROR', 'credentials cannot be opened with the configured CREDENTIALS_KEY');
  });
  app.post(
    '/schema',
    {
      schema: {
        body: {
          type: 'object',
          required: ['email'],
          properties: { email: { type: 'string', format: 'email' } },
        },
      },
    },
    async () => ({ ok: true }),
  );
  app.post('/zod/:connectionId', async (request) => {
    z.object({ connectionId: z.string().regex(/^[a-z0-9-]+$/) }).parse(request.params);
    z.object({ order: z.object({ email: z.string().email() }) }).parse(request.body);
    return { ok: true };
  });
  t.teardown(() => app.close());
  return app;
}

const problemJson = /^application\/problem\+json/;

t.test('an AppError answers with its status, code, field, detail and Retry-After', async (t) => {
  const response = await buildApp().inject({ method: 'GET', url: '/app-error?page=2' });
  t.equal(response.statusCode, 429);
  t.match(response.headers['content-type'], problemJson);
  t.equal(response.headers['retry-after'], '7');
  t.same(response.json(), {
    type: 'https://koppel.dev/problems/target-rate-limited',
    title: 'TARGET_RATE_LIMITED',
    status: 429,
    detail: 'Asperion said slow down',
    code: 'TARGET_RATE_LIMITED',
    field: 'connection.credentials',
    instance: '/app-error',
    retryAfter: 7,
  });
});

t.test('a service’s own code keeps its status and details', async (t) => {
  const response = await buildApp().inject({ method: 'GET', url: '/custom-code' });
  t.equal(response.statusCode, 422);
  t.equal(response.headers['retry-after'], undefined, 'no Retry-After when the error has none');
  t.match(response.json(), {
    code: 'ASPERION_LEDGER_MISSING',
    type: 'https://koppel.dev/problems/asperion-ledger-missing',
    details: { ledgerAccountId: 8000 },
  });
});

t.test('an unexpected throw is a 500 INTERNAL_ERROR problem', async (t) => {
  const response = await buildApp().inject({ method: 'GET', url: '/bug' });
  t.equal(response.statusCode, 500);
  t.match(response.headers['content-type'], problemJson);
  t.match(response.json(), { status: 500, code: 'INTERNAL_ERROR', instance: '/bug' });
  t.equal(response.json().detail, 'internal error; see the service log (requestId req-1)');
  t.notMatch(response.body, /cannot read properties/, 'the raw message stays in the log');
});

t.test('an unexpected 5xx never leaks internal text; its request id leads to the log', async (t) => {
  const lines: string[] = [];
  const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
  installProblemHandler(app);
  app.get('/db-error', async () => {
    throw Object.assign(new Error('relation "secret_table" does not exist'), { code: '42P01' });
  });
  t.teardown(() => app.close());
  const response = await app.inject({ method: 'GET', url: '/db-error' });
  t.equal(response.statusCode, 500);
  const body = response.json();
  t.same(body, {
    type: 'https://koppel.dev/problems/internal-error',
    title: 'INTERNAL_ERROR',
    status: 500,
    detail: `internal error; see the service log (requestId ${body.requestId})`,
    code: 'INTERNAL_ERROR',
    instance: '/db-error',
    requestId: body.requestId,
  });
  t.type(body.requestId, 'string');
  t.notMatch(response.body, /secret_table/);
  const logged = lines.map((line) => JSON.parse(line)).find((line) => line.level === 50);
  t.match(logged, { reqId: body.requestId, err: { message: 'relation "secret_table" does not exist' } });

  for (const [url, status, leak] of [
    ['/db-error', 500, /orders_pkey|duplicate key/],
    ['/overflow', 500, /call stack/],
    ['/status-502', 500, /socket|10\.0\.3\.7/],
  ] as const) {
    const answer = await buildApp().inject({ method: 'GET', url });
    t.equal(answer.statusCode, status, url);
    t.match(answer.json(), { code: 'INTERNAL_ERROR', detail: /^internal error; see the service log/ }, url);
    t.notMatch(answer.body, leak, `${url} does not leak`);
  }
});

t.test('coded errors keep their own message, 5xx included', async (t) => {
  const unavailable = await buildApp().inject({ method: 'GET', url: '/unavailable' });
  t.equal(unavailable.statusCode, 503);
  t.match(unavailable.json(), { code: 'BUS_UNAVAILABLE', detail: 'Kafka is not reachable; retry shortly' });
  t.notOk('requestId' in unavailable.json());
  const internal = await buildApp().inject({ method: 'GET', url: '/coded-internal' });
  t.equal(internal.statusCode, 500);
  t.match(internal.json(), { detail: 'credentials cannot be opened with the configured CREDENTIALS_KEY' });
});

t.test('fastify schema validation is VALIDATION_FAILED naming the field', async (t) => {
  const response = await buildApp().inject({ method: 'POST', url: '/schema', payload: { email: 42 } });
  t.equal(response.statusCode, 400);
  t.match(response.headers['content-type'], problemJson);
  t.match(response.json(), { code: 'VALIDATION_FAILED', field: 'body.email', status: 400 });
  const missing = await buildApp().inject({ method: 'POST', url: '/schema', payload: {} });
  t.match(missing.json(), { code: 'VALIDATION_FAILED', status: 400 });
});

t.test('body parsing errors have their own codes', async (t) => {
  const app = buildApp();
  const malformed = await app.inject({
    method: 'POST',
    url: '/schema',
    headers: { 'content-type': 'application/json' },
    payload: '{"email":',
  });
  t.equal(malformed.statusCode, 400);
  t.match(malformed.json(), { code: 'MALFORMED_BODY', field: 'body' });

  const empty = await app.inject({
    method: 'POST',
    url: '/schema',
    headers: { 'content-type': 'application/json' },
    payload: '',
  });
  t.equal(empty.statusCode, 400);
  t.match(empty.json(), { code: 'MALFORMED_BODY', field: 'body' });

  const media = await app.inject({
    method: 'POST',
    url: '/schema',
    headers: { 'content-type': 'application/x-yaml' },
    payload: 'email: a',
  });
  t.equal(media.statusCode, 415);
  t.match(media.json(), { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'headers.content-type' });

  const large = await app.inject({ method: 'POST', url: '/schema', payload: { email: 'x'.repeat(100) } });
  t.equal(large.statusCode, 413);
  t.match(large.headers['content-type'], problemJson);
  t.match(large.json(), { code: 'PAYLOAD_TOO_LARGE', field: 'body' });
});

t.test('a zod error thrown by a handler is a 400 naming the field, not a 500', async (t) => {
  const app = buildApp();
  const badBody = await app.inject({
    method: 'POST',
    url: '/zod/demo',
    payload: { order: { email: 'nope' } },
  });
  t.equal(badBody.statusCode, 400);
  t.match(badBody.headers['content-type'], problemJson);
  t.match(badBody.json(), {
    code: 'VALIDATION_FAILED',
    field: 'order.email',
    status: 400,
    instance: '/zod/demo',
  });

  const badParam = await app.inject({
    method: 'POST',
    url: '/zod/NOT%20OK',
    payload: { order: { email: 'a@b.nl' } },
  });
  t.equal(badParam.statusCode, 400);
  t.match(badParam.json(), { code: 'VALIDATION_FAILED', field: 'connectionId' });

  const fine = await app.inject({
    method: 'POST',
    url: '/zod/demo',
    payload: { order: { email: 'a@b.nl' } },
  });
  t.equal(fine.statusCode, 200);
});

t.test('an unknown route is a problem+json 404 with the path as instance', async (t) => {
  const response = await buildApp().inject({ method: 'DELETE', url: '/missing?q=1' });
  t.equal(response.statusCode, 404);
  t.match(response.headers['content-type'], problemJson);
  t.match(response.json(), { code: 'NOT_FOUND', detail: 'no route DELETE /missing', instance: '/missing' });
});
