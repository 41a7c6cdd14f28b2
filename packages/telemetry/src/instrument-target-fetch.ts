import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { TargetMetrics } from './target-metrics.js';

/** The `fetch` a connector session uses (FetchLike of @koppel/connector-sdk). */
export type TargetFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export type TargetFetchOptions = {
  /** Target system, e.g. `asperion` (a metrics label). */
  system: string;
  /** What the runner does with the calls, e.g. `delivery` (a metrics label). */
  operation: string;
  metrics: Pick<
    TargetMetrics,
    'targetRequestDuration' | 'targetRequestsTotal' | 'targetRateLimitedTotal' | 'targetRateLimitWaitSeconds'
  >;
};

const tracer = trace.getTracer('@koppel/telemetry');

/**
 * Wraps a connector's fetch so every call to the target is measured (latency and status per
 * system, 429s and the Retry-After they ask for) and traced: an HTTP client span named after the
 * method, with the OpenTelemetry HTTP semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/http/http-spans/), and the W3C `traceparent` sent
 * to the target. Node's fetch (undici) is not seen by the http instrumentation, hence this.
 * The URL's query is left out of the span (vendors put tokens there).
 */
export function instrumentTargetFetch(fetchImpl: TargetFetch, options: TargetFetchOptions): TargetFetch {
  const { system, operation, metrics } = options;
  return (input, init) => {
    const url = new URL(String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    return tracer.startActiveSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'server.address': url.hostname,
          'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
          'url.full': `${url.origin}${url.pathname}`,
          'koppel.target.system': system,
        },
      },
      async (span) => {
        const headers = new Headers(init?.headers);
        propagation.inject(context.active(), headers, {
          set: (carrier, key, value) => carrier.set(key, value),
        });
        const started = performance.now();
        try {
          const response = await fetchImpl(input, { ...init, headers });
          const seconds = (performance.now() - started) / 1000;
          span.setAttribute('http.response.status_code', response.status);
          if (response.status >= 400) {
            span.setAttribute('error.type', String(response.status));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          record(String(response.status), statusClass(response.status), seconds);
          if (response.status === 429) {
            metrics.targetRateLimitedTotal.inc({ system });
            const wait = retryAfterSeconds(response.headers.get('retry-after'));
            if (wait !== undefined) metrics.targetRateLimitWaitSeconds.inc({ system }, wait);
          }
          return response;
        } catch (error) {
          record('error', 'error', (performance.now() - started) / 1000);
          span.setAttribute('error.type', error instanceof Error ? error.name : 'error');
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };

  function record(statusCode: string, status_class: string, seconds: number) {
    metrics.targetRequestDuration.observe({ system, operation, status_class }, seconds);
    metrics.targetRequestsTotal.inc({ system, operation, status_code: statusCode });
  }
}

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/** Delay-seconds form only (RFC 9110 §10.2.3); a date form is not summed, the 429 still counts. */
function retryAfterSeconds(header: string | null): number | undefined {
  return header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
}
