/** The dead letter facts the guard reads (pure). */
export type ReplayCandidate = {
  externalOrderId: string;
  stage: string;
  errorCode: string;
  errorDetails: Record<string, unknown> | null;
};

/** True when retention emptied the dead letter's record: nothing is left to replay. */
export function isPurged(letter: { payload: Uint8Array }): boolean {
  return letter.payload.length === 0;
}

/** A replay that may book a document twice unless a person confirms it is not in the target. */
export type ConfirmationNeeded = { message: string; details: Record<string, unknown> };

/** The code of @koppel/target-delivery for a create whose outcome is unknown (InnVoice). */
export const DOCUMENT_OUTCOME_UNKNOWN = 'DOCUMENT_OUTCOME_UNKNOWN';

/**
 * A dead letter `DOCUMENT_OUTCOME_UNKNOWN` is an order whose create went out to a target that
 * cannot be searched (InnVoice) and whose answer was lost: the document may exist. Replaying
 * it sends the create again, so the operator must first look in the target and confirm.
 */
export function confirmationNeeded(
  letter: ReplayCandidate,
  confirmed: boolean,
): ConfirmationNeeded | undefined {
  if (letter.errorCode !== DOCUMENT_OUTCOME_UNKNOWN || confirmed) return undefined;
  const documentNumber =
    typeof letter.errorDetails?.documentNumber === 'string' ? letter.errorDetails.documentNumber : null;
  const requestedAt =
    typeof letter.errorDetails?.requestedAt === 'string' ? letter.errorDetails.requestedAt : null;
  const what = documentNumber
    ? `document ${documentNumber}`
    : `the document of order ${letter.externalOrderId}`;
  const when = requestedAt ? ` created around ${requestedAt}` : '';
  return {
    message:
      `The target may already have ${what}: its create was sent and the answer was lost, and this target ` +
      `cannot be searched, so a replay could book it twice. Look in the target for ${what}${when}. ` +
      'If it is not there, replay with {"confirmedNotInTarget": true}; if it is, do not replay.',
    details: { externalOrderId: letter.externalOrderId, documentNumber, requestedAt, stage: letter.stage },
  };
}
