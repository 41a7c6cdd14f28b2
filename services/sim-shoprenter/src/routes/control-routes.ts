import { AppError, PROBLEM_CONTENT_TYPE, toProblemDetails } from '@koppel/errors';
import type { FastifyInstance } from 'fastify';
import { type ControlHandles, parseControl } from '../control/control-handles.js';
import {
  changeStatusSchema,
  clockSchema,
  createOrderSchema,
  deliveriesQuerySchema,
  dropNextSchema,
  flushSchema,
  seedProductsSchema,
} from '../control/control-schemas.js';

/** The simulator's own control API (`/_control`, no auth, problem+json errors); see the README. */
export function registerControlRoutes(app: FastifyInstance, handles: ControlHandles): void {
  app.register(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) => {
        const appError =
          error instanceof AppError
            ? error
            : new AppError('MALFORMED_BODY', error instanceof Error ? error.message : String(error), {
                httpStatus: 400,
              });
        return reply
          .code(appError.httpStatus)
          .type(PROBLEM_CONTENT_TYPE)
          .send(toProblemDetails(appError, request.url));
      });
      scope.post('/orders', async (request, reply) =>
        reply.code(201).send(await handles.createOrder(parseControl(createOrderSchema, request.body))),
      );
      scope.post('/orders/:innerId/status', async (request) => {
        const { innerId } = request.params as { innerId: string };
        const body = parseControl(changeStatusSchema, request.body);
        const changed = await handles.changeOrderStatus(Number(innerId), body.statusId, body.comment);
        if (!changed) {
          throw new AppError('NOT_FOUND', `No order with innerId ${innerId}`, {
            httpStatus: 404,
            field: 'innerId',
          });
        }
        return changed;
      });
      scope.post('/products', async (request) => ({
        products: handles.seedProducts(parseControl(seedProductsSchema, request.body).products),
      }));
      scope.post('/reset', async () => {
        handles.reset();
        return { reset: true };
      });
      scope.get('/state', async () => handles.state());
      scope.get('/webhook-deliveries', async (request) => ({
        deliveries: handles.deliveries(parseControl(deliveriesQuerySchema, request.query)),
      }));
      scope.post('/webhook-deliveries/flush', async (request) => ({
        deliveries: await handles.flushScheduled(parseControl(flushSchema, request.body)),
      }));
      scope.post('/webhook-deliveries/drop-next', async (request) =>
        handles.dropNextWebhooks(parseControl(dropNextSchema, request.body)),
      );
      scope.put('/clock', async (request) => {
        const { now } = parseControl(clockSchema, request.body);
        handles.setClock(now === null ? undefined : new Date(now));
        return { now: handles.now().toISOString(), pinned: now !== null };
      });
    },
    { prefix: '/_control' },
  );
}
