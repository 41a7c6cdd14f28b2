/**
 * A problem as the operator receives it: an e-mail (subject and plain text) and the JSON body
 * of the notification webhook (`type` + `timestamp` + `data`, the Standard Webhooks payload
 * shape: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
 * Pure.
 */
import type { Problem } from './problem.js';

export type RenderedEmail = { subject: string; text: string };

export function renderEmail(problem: Problem, suppressedSinceLast: number): RenderedEmail {
  const lines = [
    problem.summary,
    '',
    `What ${problem.kind === 'poll-failing' || problem.kind === 'credentials-failing' ? 'the system' : 'it'} said:`,
    `  ${problem.detail}`,
    '',
    'What to do:',
    `  ${problem.action}`,
  ];
  if (problem.orders.length > 0) lines.push('', `Orders concerned: ${problem.orders.join(', ')}`);
  if (suppressedSinceLast > 0) {
    lines.push('', `It happened ${suppressedSinceLast} more time(s) since the last notice.`);
  }
  lines.push('', `Connection: ${problem.connectionName} (${problem.connectionId}) · problem ${problem.key}`);
  return { subject: `[Koppel] ${problem.summary}`, text: `${lines.join('\n')}\n` };
}

export const WEBHOOK_EVENT_TYPE = 'koppel.connection.problem';

export function renderWebhookBody(problem: Problem, suppressedSinceLast: number, at: Date): string {
  return JSON.stringify({
    type: WEBHOOK_EVENT_TYPE,
    timestamp: at.toISOString(),
    data: {
      connectionId: problem.connectionId,
      connectionName: problem.connectionName,
      kind: problem.kind,
      problemKey: problem.key,
      summary: problem.summary,
      detail: problem.detail,
      action: problem.action,
      orders: problem.orders,
      occurrences: problem.occurrences + suppressedSinceLast,
    },
  });
}
