import { PROBLEM_CONTENT_TYPE, toProblemDetails } from '@koppel/errors';
import { redactUrl } from '@koppel/telemetry';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminErrors } from '../errors.js';

type KnownPath = { url: string; methods: Set<string>; pattern: RegExp; specificity: string };

/** `/admin/v1/connections/:id/cursor` → a RegExp matching one concrete path of it. */
function toPathPattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/** Static segments outrank parameters, left to right, as fastify's router picks a route. */
function toSpecificity(url: string): string {
  return url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '0' : '1'))
    .join('');
}

/** The most specific known path this concrete path is, if any. */
function bestPath(paths: Iterable<KnownPath>, path: string): KnownPath | undefined {
  let best: KnownPath | undefined;
  for (const known of paths) {
    if (known.pattern.test(path) && (!best || known.specificity > best.specificity)) best = known;
  }
  return best;
}

/**
 * A path the admin API serves, asked with a method it does not serve, answers 405 with the
 * `Allow` header (RFC 9110 §15.5.6) instead of the 404 "no route" a path it does not know gets.
 * Must run before the routes are registered (it collects them with `onRoute`); only paths under
 * `prefix` are answered here, everything else keeps the app's own not-found answer. The answer is
 * given in `onRequest`, before fastify parses a body or checks the API key, so a method such as
 * QUERY without a body gets its 405 rather than a content-type error.
 */
export async function registerMethodNotAllowed(app: FastifyInstance, prefix: string): Promise<void> {
  const paths = new Map<string, KnownPath>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(prefix)) return;
    const known = paths.get(route.url) ?? {
      url: route.url,
      methods: new Set<string>(),
      pattern: toPathPattern(route.url),
      specificity: toSpecificity(route.url),
    };
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      known.methods.add(method.toUpperCase());
    }
    paths.set(route.url, known);
  });
  const answer = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const best = bestPath(paths.values(), path);
    const allowed = best ? [...best.methods].sort() : [];
    const instance = redactUrl(path);
    const error =
      allowed.length > 0
        ? adminErrors.methodNotAllowed(request.method, instance, allowed)
        : adminErrors.noRoute(request.method, instance);
    if (allowed.length > 0) reply.header('allow', allowed.join(', '));
    request.log.info({ code: error.code }, `rejected: ${error.message}`);
    return reply.code(error.httpStatus).type(PROBLEM_CONTENT_TYPE).send(toProblemDetails(error, instance));
  };
  // `GET …/dead-letters/replay` reaches `GET …/dead-letters/:deadLetterId`: the router falls back
  // to a parameter when the static path lacks the method. The static path is the one meant.
  app.addHook('onRequest', async (request, reply) => {
    const routeUrl = request.routeOptions.url;
    if (routeUrl === undefined || !routeUrl.startsWith(prefix)) return;
    const best = bestPath(paths.values(), request.url.split('?')[0] ?? '');
    if (best && best.url !== routeUrl && !best.methods.has(request.method)) return answer(request, reply);
  });
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', answer);
      scope.setNotFoundHandler(answer);
    },
    { prefix },
  );
}
