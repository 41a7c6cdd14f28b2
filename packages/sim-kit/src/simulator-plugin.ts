import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createFaultInjector, type FaultInjector } from './fault-injector.js';
import { parseFaultPlan } from './fault-plan-schema.js';
import { createInspectionLog, type InspectionLog } from './inspection-log.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createResponseHold } from './response-hold.js';

export type SimulatorKit = {
  faults: FaultInjector;
  inspection: InspectionLog;
  /** Extra limiter the control endpoint can lower at run time (on top of the API's own limit). */
  controlledRateLimit: RateLimiter;
};

export type SimulatorKitOptions = {
  /** Prefix of the control and inspection routes; never clashes with the simulated API. */
  controlPrefix?: string;
  /** Renders an injected failure the way the simulated API renders its errors. */
  renderFault: (status: number, reply: FastifyReply) => unknown;
  /** Key for the controlled rate limit (e.g. the credential); defaults to the client IP. */
  rateLimitKey?: (request: FastifyRequest) => string;
};

/**
 * Installs fault injection, inspection and the control endpoints on a simulator app:
 * - `POST {prefix}/faults` with a FaultPlan (merged into the current one per top-level key; 400 on
 *   a malformed plan); `GET {prefix}/faults` shows it with the counts left; `DELETE` resets
 * - `PUT {prefix}/rate-limit` `{requests, windowMs}` or `{}` to remove
 * - `GET {prefix}/received?method=&pathPrefix=`; `DELETE {prefix}/received`
 */
export function installSimulatorKit(app: FastifyInstance, options: SimulatorKitOptions): SimulatorKit {
  const prefix = options.controlPrefix ?? '/_sim';
  const kit: SimulatorKit = {
    faults: createFaultInjector(),
    inspection: createInspectionLog(),
    controlledRateLimit: createRateLimiter(),
  };
  const isControl = (url: string) => url.startsWith(prefix);
  const holds = createResponseHold();
  /** Requests whose committed answer is to be held (`succeed-then-timeout`), with the hold. */
  const toHold = new WeakMap<FastifyRequest, number>();

  app.addHook('onRequest', async (request, reply) => {
    if (isControl(request.url)) return;
    const latency = kit.faults.latencyMs();
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const path = request.url.split('?')[0] ?? request.url;
    const decision = kit.faults.decide(path, request.method);
    if (decision.kind === 'succeed-then-timeout') toHold.set(request, decision.holdMs);
    if (decision.kind === 'drop') {
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (decision.kind === 'fail') {
      if (decision.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(decision.retryAfterSeconds));
      reply.code(decision.status);
      if (decision.body !== undefined) return reply.send(decision.body);
      return reply.send(options.renderFault(decision.status, reply));
    }
    const key = options.rateLimitKey ? options.rateLimitKey(request) : request.ip;
    const wait = kit.controlledRateLimit.take(key);
    if (wait > 0) {
      reply.header('retry-after', String(wait)).code(429);
      return reply.send(options.renderFault(429, reply));
    }
  });

  // The handler has run (and committed) by onSend. A refused write (4xx/5xx) is answered as usual:
  // only a success can "succeed, then time out".
  app.addHook('onSend', async (request, reply, payload) => {
    const holdMs = toHold.get(request);
    if (holdMs !== undefined && reply.statusCode < 400) await holds.hold(request, holdMs);
    return payload;
  });
  app.addHook('preClose', async () => holds.releaseAll());

  app.addHook('onResponse', async (request, reply) => {
    if (isControl(request.url)) return;
    kit.inspection.record({
      at: new Date().toISOString(),
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      query: (request.query ?? {}) as Record<string, unknown>,
      headers: request.headers,
      body: request.body,
      status: reply.statusCode,
    });
  });

  app.post(`${prefix}/faults`, async (request, reply) => {
    const parsed = parseFaultPlan(request.body);
    if (!parsed.ok) return reply.code(400).send({ error: 'invalid fault plan', issues: parsed.issues });
    kit.faults.configure(parsed.plan);
    return kit.faults.current();
  });
  app.get(`${prefix}/faults`, async () => kit.faults.current());
  app.delete(`${prefix}/faults`, async () => {
    kit.faults.reset();
    return {};
  });
  app.put(`${prefix}/rate-limit`, async (request) => {
    const body = (request.body ?? {}) as { requests?: number; windowMs?: number };
    kit.controlledRateLimit.setLimit(
      body.requests !== undefined ? { requests: body.requests, windowMs: body.windowMs ?? 1000 } : undefined,
    );
    return { limit: kit.controlledRateLimit.limit() ?? null };
  });
  app.get(`${prefix}/received`, async (request) => {
    const q = request.query as { method?: string; pathPrefix?: string };
    return { calls: kit.inspection.list(q) };
  });
  app.delete(`${prefix}/received`, async () => {
    kit.inspection.clear();
    return {};
  });
  return kit;
}
