import type { MessageBus, OutgoingMessage } from './message-bus.js';
import { inPublishSpan, withTraceHeaders } from './trace-context.js';

/** Publishes in a `<topic> publish` span with the trace context in every record's headers. */
export async function publishTraced(
  bus: MessageBus,
  topic: string,
  messages: OutgoingMessage[],
): Promise<void> {
  await inPublishSpan(topic, () =>
    bus.publish(
      topic,
      messages.map((m) => ({ ...m, headers: withTraceHeaders(m.headers) })),
    ),
  );
}
