import type {
  DeadLetter,
  DeadLetterRepository,
  DeliveryRecordRepository,
  JourneyRepository,
} from '@koppel/db';
import { appError } from '@koppel/errors';
import type { MessageBus } from '@koppel/kafka';
import { confirmationNeeded, DOCUMENT_OUTCOME_UNKNOWN, isPurged } from '../domain/replay-guard.js';
import { adminErrors } from '../errors.js';

export type ReplayDeps = {
  /** Where the dead letter's record is republished; absent in a standalone admin without Kafka. */
  bus: MessageBus | undefined;
  deadLetters: DeadLetterRepository;
  deliveries: DeliveryRecordRepository;
  journey: JourneyRepository;
};

/** Header naming the dead letter a replayed record comes from (for the logs of the stage). */
export const REPLAY_OF_HEADER = 'koppel-replay-of';

/**
 * Replays one dead letter: republishes the original record (bytes, key, headers) to the topic
 * of the stage that gave up, so that stage runs it again with today's settings. Idempotent by
 * the pipeline's own guards: the delivery ledger books an order once, so replaying an order
 * booked meanwhile ends as `already_in_target`. The journey shows `replayed` first (so it
 * precedes what the stage then journals); the dead letter counts the replay once published.
 *
 * A `DOCUMENT_OUTCOME_UNKNOWN` letter is refused (409) unless the operator confirmed the
 * document is not in the target; the confirmation clears the ledger's record of the create.
 */
export async function replayDeadLetter(
  deps: ReplayDeps,
  letter: DeadLetter,
  options: { confirmedNotInTarget: boolean },
): Promise<{ topic: string; clearedDocumentRequest: boolean }> {
  if (isPurged(letter)) throw adminErrors.deadLetterPurged(letter.id);
  const needed = confirmationNeeded(letter, options.confirmedNotInTarget);
  if (needed) throw adminErrors.replayNeedsConfirmation(needed.message, needed.details);
  const bus = deps.bus;
  if (!bus) throw adminErrors.replayUnavailable();
  const clearedDocumentRequest =
    letter.errorCode === DOCUMENT_OUTCOME_UNKNOWN
      ? await deps.deliveries.confirmNotInTarget(letter.connectionId, letter.externalOrderId)
      : false;
  await deps.journey.record(letter.connectionId, letter.externalOrderId, 'replayed', {
    deadLetterId: letter.id,
    stage: letter.stage,
    code: letter.errorCode,
    topic: letter.sourceTopic,
    ...(letter.errorCode === DOCUMENT_OUTCOME_UNKNOWN
      ? { confirmedNotInTarget: true, clearedDocumentRequest }
      : {}),
  });
  try {
    await bus.publish(letter.sourceTopic, [
      {
        key: letter.key,
        value: letter.payload,
        headers: { ...letter.headers, [REPLAY_OF_HEADER]: letter.id },
      },
    ]);
  } catch (cause) {
    throw appError(
      'BUS_UNAVAILABLE',
      `the replay could not be published to ${letter.sourceTopic}; try again`,
      {
        cause,
      },
    );
  }
  await deps.deadLetters.markReplayed(letter.id);
  return { topic: letter.sourceTopic, clearedDocumentRequest };
}
