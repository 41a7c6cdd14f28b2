/**
 * A problem of one connection, said the way an operator needs it: what is wrong, in the words
 * of the system that refused, and what to do about it. Pure: built from rows the notifier read.
 */
export type ProblemKind = 'order-dead-lettered' | 'credentials-failing' | 'poll-failing' | 'target-refusing';

export type Problem = {
  connectionId: string;
  connectionName: string;
  kind: ProblemKind;
  /** One problem per key and connection: the unit of "at most once per interval". */
  key: string;
  /** One line: what is wrong. */
  summary: string;
  /** What the system said, verbatim (no personal data: messages name fields and codes). */
  detail: string;
  /** What to do about it, with the admin API call that does it. */
  action: string;
  /** Orders concerned (external ids), newest first, at most a handful. */
  orders: string[];
  /** The dead letters it was built from (ids), so a failed notice is read again. */
  letterIds: string[];
  /** How many times it happened in this scan. */
  occurrences: number;
};

/** A dead letter as the notifier reads it. */
export type DeadLetterFact = {
  id: string;
  connectionId: string;
  externalOrderId: string;
  stage: string;
  errorCode: string;
  errorMessage: string;
  errorField: string | null;
};

export type ConnectionFact = { id: string; name: string; sourceSystem: string; targetSystem: string };

const AUTH_CODES: ReadonlySet<string> = new Set([
  'TARGET_AUTH_FAILED',
  'UNAUTHENTICATED',
  'SOURCE_AUTH_FAILED',
]);
/**
 * The target answered and said no. Besides the shared `TARGET_REJECTED`, connectors whose target
 * speaks its own refusals keep their own codes: Mplus's `…-FAILED` results and SOAP `Client`
 * faults (packages/connector-mplus/README.md).
 */
const REFUSAL_CODES: ReadonlySet<string> = new Set([
  'TARGET_REJECTED',
  'TARGET_VALIDATION_FAILED',
  'MPLUS_REJECTED',
  'MPLUS_SOAP_FAULT',
]);

function connectionPath(connectionId: string): string {
  return `/admin/v1/connections/${encodeURIComponent(connectionId)}`;
}

function fieldNote(field: string | null): string {
  return field ? ` (field \`${field}\`)` : '';
}

/** Dead letters of one connection grouped into problems: one per error code and stage. */
export function problemsFromDeadLetters(
  connection: ConnectionFact,
  letters: readonly DeadLetterFact[],
): Problem[] {
  const groups = new Map<string, DeadLetterFact[]>();
  for (const letter of letters) {
    const group = `${letter.stage}:${letter.errorCode}`;
    groups.set(group, [...(groups.get(group) ?? []), letter]);
  }
  return [...groups.values()].map((group) => {
    const newest = group[group.length - 1] as DeadLetterFact;
    const orders = [...new Set(group.map((l) => l.externalOrderId).reverse())].slice(0, 10);
    const path = connectionPath(connection.id);
    const count = group.length === 1 ? 'An order' : `${group.length} orders`;
    const detail = `${newest.errorMessage}${fieldNote(newest.errorField)} [${newest.errorCode} at ${newest.stage}]`;
    if (AUTH_CODES.has(newest.errorCode)) {
      return {
        connectionId: connection.id,
        connectionName: connection.name,
        kind: 'credentials-failing',
        key: `credentials:${newest.stage}:${newest.errorCode}`,
        summary: `The credentials of connection "${connection.name}" stopped working: ${count.toLowerCase()} could not be booked.`,
        detail,
        action: `Renew the credentials (PATCH ${path}), test them (POST ${path}/check), then replay what failed (POST ${path}/dead-letters/replay with {"code":"${newest.errorCode}"}).`,
        orders,
        letterIds: group.map((l) => l.id),
        occurrences: group.length,
      };
    }
    if (newest.errorCode === 'DOCUMENT_OUTCOME_UNKNOWN') {
      return {
        connectionId: connection.id,
        connectionName: connection.name,
        kind: 'order-dead-lettered',
        key: `dead-letter:${newest.stage}:${newest.errorCode}`,
        summary: `${count} of connection "${connection.name}" may or may not have been booked in ${connection.targetSystem}: the target's answer was lost and it cannot be searched.`,
        detail,
        action: `Look in ${connection.targetSystem} for the document of each order listed. If it is not there, replay with {"confirmedNotInTarget": true} (POST ${path}/dead-letters/{id}/replay); if it is, leave it.`,
        orders,
        letterIds: group.map((l) => l.id),
        occurrences: group.length,
      };
    }
    const refusing = REFUSAL_CODES.has(newest.errorCode);
    return {
      connectionId: connection.id,
      connectionName: connection.name,
      kind: refusing ? 'target-refusing' : 'order-dead-lettered',
      key: `dead-letter:${newest.stage}:${newest.errorCode}`,
      summary: refusing
        ? `${connection.targetSystem} keeps refusing orders of connection "${connection.name}": ${count.toLowerCase()} stopped.`
        : `${count} of connection "${connection.name}" stopped at ${newest.stage} and wait for you.`,
      detail,
      action: `Fix what the message names${fieldNote(newest.errorField)} in the connection's settings or mapping (PATCH ${path}; try it first with POST ${path}/mapping-rules/dry-run), then replay (POST ${path}/dead-letters/replay with {"code":"${newest.errorCode}"}).`,
      orders,
      letterIds: group.map((l) => l.id),
      occurrences: group.length,
    };
  });
}

/** A poller that failed this many times in a row is a problem worth a person's time. */
export const POLL_FAILURES_BEFORE_NOTICE = 3;

export type PollFact = { connectionId: string; consecutiveFailures: number; lastError: string | null };

export function problemFromPollFailures(connection: ConnectionFact, poll: PollFact): Problem | undefined {
  if (poll.consecutiveFailures < POLL_FAILURES_BEFORE_NOTICE) return undefined;
  const path = connectionPath(connection.id);
  const auth = /\b(401|403|credential|token|key|unauthori[sz]ed|forbidden)\b/i.test(poll.lastError ?? '');
  return {
    connectionId: connection.id,
    connectionName: connection.name,
    kind: auth ? 'credentials-failing' : 'poll-failing',
    key: auth ? 'credentials:poll' : 'poll-failing',
    summary: `Koppel could not read new orders from ${connection.sourceSystem} for connection "${connection.name}": ${poll.consecutiveFailures} polls in a row failed.`,
    detail: poll.lastError ?? 'no error text was recorded',
    action: auth
      ? `Renew the shop's credentials (PATCH ${path}) and test them (POST ${path}/check); polling resumes by itself and misses nothing (it continues from its cursor, GET ${path}/cursor).`
      : `Check that ${connection.sourceSystem} is reachable (POST ${path}/check). Polling retries by itself and continues from its cursor (GET ${path}/cursor): nothing is lost meanwhile.`,
    orders: [],
    letterIds: [],
    occurrences: 1,
  };
}
