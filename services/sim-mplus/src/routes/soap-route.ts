import type { RateLimiter } from '@koppel/sim-kit';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ASSUMPTIONS } from '../domain/assumptions.js';
import { buildResponse, parseEnvelope, SoapFault } from '../soap/envelope.js';
import { type OperationContext, OPERATIONS } from '../soap/operations.js';
import { buildWsdl } from '../soap/wsdl.js';

export type Credentials = { ident: string; secret: string };

const authQuerySchema = z.object({ ident: z.string().min(1), secret: z.string().min(1) });

/**
 * `POST /?ident=..&secret=..` (notes §3.1): credentials in the query string, the operation named by
 * the Body's element (the `SOAPAction` header is accepted but not needed, as `soapAction=""` in the
 * WSDL binding allows).
 */
export function registerSoapRoute(
  app: FastifyInstance,
  deps: OperationContext & { credentials: Credentials[]; limiter: RateLimiter },
): void {
  for (const type of ['text/xml', 'application/soap+xml', 'application/xml']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }
  // `GET /?wsdl` (notes §3.1 [C]): the WSDL of the implemented operations, no credentials needed
  // (a client generator fetches it before it has any). `?docs` and a bare GET are not simulated.
  app.get('/', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (!Object.hasOwn(query, 'wsdl')) {
      const what = Object.hasOwn(query, 'docs') ? 'The ?docs pages are' : 'GET without ?wsdl is';
      throw new SoapFault(
        'SOAP-ENV:Client',
        `${what} not simulated; POST a SOAP envelope or GET /?wsdl`,
        404,
      );
    }
    const location = `${request.protocol}://${request.host}/`;
    return reply.type('text/xml; charset=utf-8').send(buildWsdl(Object.keys(OPERATIONS), location));
  });
  app.post('/', async (request, reply) => {
    const auth = authQuerySchema.safeParse(request.query);
    const valid =
      auth.success &&
      deps.credentials.some((c) => c.ident === auth.data.ident && c.secret === auth.data.secret);
    if (!auth.success || !valid) {
      throw new SoapFault(
        'SOAP-ENV:Client',
        'Authentication failed: unknown ident or wrong secret',
        ASSUMPTIONS.authFailureStatus,
      );
    }
    const wait = deps.limiter.take(auth.data.ident);
    if (wait > 0) throw new SoapFault('SOAP-ENV:Server', 'Too many requests; retry later', 429, wait);
    if (typeof request.body !== 'string')
      throw new SoapFault('SOAP-ENV:Client', 'Content-Type must be text/xml');
    const { operation, body } = parseEnvelope(request.body);
    const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!handler)
      throw new SoapFault(
        'SOAP-ENV:Client',
        `Method '${operation}' not implemented: method name or namespace not recognized`,
      );
    const payload = handler(body, deps);
    return reply.type('text/xml; charset=utf-8').send(buildResponse(operation, payload));
  });
}
