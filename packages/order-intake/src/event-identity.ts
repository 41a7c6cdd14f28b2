/**
 * The identity of a source event, checked before anything of its webhook or poll page is
 * admitted: the order id and the event key are how Koppel files the order everywhere (inbox,
 * journey, ledger, their database indexes), so one past these limits is refused with its field
 * named instead of failing deep in a write (a 500 to the shop, a record retried in vain).
 */
import type { SourceEvent } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';

/** Longest order id accepted: order-model's MAX_IDENTIFIER_LENGTH, the limit of every stored id. */
export const MAX_EXTERNAL_ORDER_ID_LENGTH = 200;
/** Longest event key: the order id and its state (status, payment, a hash) with room to spare. */
export const MAX_EVENT_KEY_LENGTH = 500;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Throws MALFORMED_BODY naming the first event whose id or key Koppel cannot file. */
export function checkEventIdentities(events: readonly SourceEvent[]): void {
  events.forEach((event, index) => {
    const problem =
      identityProblem('externalOrderId', 'order id', event.externalOrderId, MAX_EXTERNAL_ORDER_ID_LENGTH) ??
      identityProblem('eventKey', 'event key', event.eventKey, MAX_EVENT_KEY_LENGTH);
    if (problem) {
      throw appError('MALFORMED_BODY', `event ${index + 1} of ${events.length}: ${problem.message}`, {
        field: `events[${index}].${problem.field}`,
      });
    }
  });
}

function identityProblem(
  field: string,
  name: string,
  value: string,
  max: number,
): { field: string; message: string } | undefined {
  if (value.trim() === '') return { field, message: `the ${name} is empty` };
  if (value.length > max) {
    return { field, message: `the ${name} is ${value.length} characters long; at most ${max}` };
  }
  if (CONTROL_CHARACTER.test(value)) return { field, message: `the ${name} holds a control character` };
  return undefined;
}
