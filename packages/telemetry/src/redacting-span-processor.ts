import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redactUrl } from './redact-url.js';

/**
 * Rewrites span names and string attributes through `redactUrl` when a span starts and again
 * just before it ends (while it can still be changed), so whatever an instrumentation records
 * (`url.path`, `url.full`, `http.target`, `http.url`, a route) reaches no exporter with a secret.
 * Registered before the exporting processor.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    redactSpan(span);
  }

  onEnding(span: Span): void {
    redactSpan(span);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function redactSpan(span: Span): void {
  const name = redactUrl(span.name);
  if (name !== span.name) span.updateName(name);
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string') {
      const redacted = redactUrl(value);
      if (redacted !== value) span.setAttribute(key, redacted);
    } else if (Array.isArray(value) && value.some((v) => typeof v === 'string' && redactUrl(v) !== v)) {
      span.setAttribute(
        key,
        value.map((v) => (typeof v === 'string' ? redactUrl(v) : v)).filter((v) => typeof v === 'string'),
      );
    }
  }
}
