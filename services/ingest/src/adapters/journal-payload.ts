/**
 * The event payload as the activity log shows it: parsed when it is JSON (source connectors
 * split webhooks into one JSON document per order, also for XML bodies), else the text itself,
 * so recording the journey can never fail on a payload an event was already published with.
 */
export function payloadForJournal(payload: Uint8Array): unknown {
  const text = new TextDecoder().decode(payload);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
