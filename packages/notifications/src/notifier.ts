/**
 * The notifier: every `tickMs` it reads what went wrong since its last scan (new dead letters,
 * pollers failing in a row), turns it into problems in words (problem.ts), and for each
 * connection that asked to hear of them claims the problem's notice (at most one per interval)
 * and sends it by e-mail and/or signed webhook. A notice whose every channel failed is given back
 * and retried on the next scan. Logs name connections and problem keys, never personal data.
 */
import type { CredentialCipher } from '@koppel/db';
import { type NotificationSettings, hasChannels, readNotificationSettings } from './notification-settings.js';
import type { NotificationStore, NotifiedConnection } from './notification-store.js';
import {
  type DeadLetterFact,
  POLL_FAILURES_BEFORE_NOTICE,
  type Problem,
  problemFromPollFailures,
  problemsFromDeadLetters,
} from './problem.js';
import { renderEmail, renderWebhookBody } from './render-notification.js';
import type { EmailChannel, WebhookChannel } from './channels.js';

export type NotifierLog = {
  info(facts: Record<string, unknown>, message: string): void;
  warn(facts: Record<string, unknown>, message: string): void;
};

export type NotifierDeps = {
  store: NotificationStore;
  cipher: CredentialCipher;
  /** Absent when no SMTP server is configured: e-mail settings are then reported, not sent. */
  email?: EmailChannel;
  webhook: WebhookChannel;
  log: NotifierLog;
  now?: () => Date;
};

export type SentNotice = { connectionId: string; problemKey: string; channels: string[] };

const DEAD_LETTERS_PER_SCAN = 500;

export type NoticeChannel = 'email' | 'webhook';
/** What sending one notice came to: the channels that took it, and why each other one did not. */
export type NoticeOutcome = { sent: NoticeChannel[]; failed: { channel: NoticeChannel; reason: string }[] };

/** An error in words, with its cause when it has one (`fetch failed` says nothing on its own). */
function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== message ? `${message}: ${cause}` : message;
}

/** Sends one problem's notice on every channel the connection set. */
async function sendNotice(
  deps: NotifierDeps,
  connection: NotifiedConnection,
  settings: NotificationSettings,
  problem: Problem,
  suppressedSinceLast: number,
): Promise<NoticeOutcome> {
  const outcome: NoticeOutcome = { sent: [], failed: [] };
  const fail = (channel: NoticeChannel, reason: string, message: string) => {
    deps.log.warn({ connectionId: connection.id, problemKey: problem.key, err: reason }, message);
    outcome.failed.push({ channel, reason });
  };
  const at = deps.now?.() ?? new Date();
  if (settings.email) {
    if (!deps.email) {
      fail(
        'email',
        'no SMTP server is configured (SMTP_URL)',
        'notification e-mail not sent: no SMTP server configured (SMTP_URL)',
      );
    } else {
      try {
        await deps.email.send(settings.email.to, renderEmail(problem, suppressedSinceLast));
        outcome.sent.push('email');
      } catch (error) {
        fail('email', failureReason(error), 'notification e-mail failed');
      }
    }
  }
  if (settings.webhook && connection.notificationSecretSealed) {
    try {
      const secret = String(deps.cipher.open(connection.notificationSecretSealed).secret ?? '');
      await deps.webhook.send(
        settings.webhook.url,
        secret,
        renderWebhookBody(problem, suppressedSinceLast, at),
        at,
      );
      outcome.sent.push('webhook');
    } catch (error) {
      fail('webhook', failureReason(error), 'notification webhook failed');
    }
  }
  return outcome;
}

export function createNotifier(deps: NotifierDeps) {
  /** `failed`: the notice was due but no channel took it (claim given back, told next scan). */
  async function notify(
    connection: NotifiedConnection,
    problem: Problem,
  ): Promise<{ status: 'sent'; notice: SentNotice } | { status: 'silent' | 'not-due' | 'failed' }> {
    const settings = readNotificationSettings(connection.notifications);
    if (!hasChannels(settings)) return { status: 'silent' };
    const claim = await deps.store.claim(
      connection.id,
      problem.key,
      problem.occurrences,
      `${problem.summary} ${problem.detail}`,
      settings.intervalMinutes,
    );
    if (!claim.claimed) return { status: 'not-due' };
    const { sent: channels } = await sendNotice(
      deps,
      connection,
      settings,
      problem,
      claim.suppressedSinceLast,
    );
    if (channels.length === 0) {
      await deps.store.release(connection.id, problem.key, claim.previousSentAt);
      return { status: 'failed' };
    }
    deps.log.info({ connectionId: connection.id, problemKey: problem.key, channels }, 'problem notified');
    return { status: 'sent', notice: { connectionId: connection.id, problemKey: problem.key, channels } };
  }

  async function problemsToTell(): Promise<{
    problems: Problem[];
    connections: Map<string, NotifiedConnection>;
    letters: DeadLetterFact[];
    watermark: string;
  }> {
    const watermark = await deps.store.deadLetterWatermark();
    const letters = await deps.store.deadLettersAfter(watermark, DEAD_LETTERS_PER_SCAN);
    const polls = await deps.store.failingPolls(POLL_FAILURES_BEFORE_NOTICE);
    const connections = await deps.store.connectionsById([
      ...new Set([...letters.map((l) => l.connectionId), ...polls.map((p) => p.connectionId)]),
    ]);
    const problems: Problem[] = [];
    for (const connection of connections.values()) {
      problems.push(
        ...problemsFromDeadLetters(
          connection,
          letters.filter((l) => l.connectionId === connection.id),
        ),
      );
      const poll = polls.find((p) => p.connectionId === connection.id);
      const pollProblem = poll ? problemFromPollFailures(connection, poll) : undefined;
      if (pollProblem) problems.push(pollProblem);
    }
    return { problems, connections, letters, watermark };
  }

  return {
    /** One scan; resolves with the notices sent. */
    async tick(): Promise<SentNotice[]> {
      const { problems, connections, letters, watermark } = await problemsToTell();
      const sent: SentNotice[] = [];
      // The watermark moves past every letter read, except those of a notice that failed: they
      // are read (and told) again on the next scan.
      let advanceTo = letters[letters.length - 1]?.id;
      for (const problem of problems) {
        const connection = connections.get(problem.connectionId);
        if (!connection) continue;
        const outcome = await notify(connection, problem);
        if (outcome.status === 'sent') sent.push(outcome.notice);
        if (outcome.status === 'failed' && advanceTo !== undefined) {
          const first = letters.find(
            (l) => l.connectionId === problem.connectionId && problem.letterIds.includes(l.id),
          );
          if (first && BigInt(first.id) - 1n < BigInt(advanceTo)) advanceTo = String(BigInt(first.id) - 1n);
        }
      }
      if (advanceTo !== undefined && BigInt(advanceTo) > BigInt(watermark)) {
        await deps.store.advanceDeadLetterWatermark(watermark, advanceTo);
      }
      return sent;
    },
    /** Sends a test notice on the connection's channels now (no claim): the channels that worked. */
    async sendTest(connection: NotifiedConnection): Promise<NoticeOutcome> {
      const settings = readNotificationSettings(connection.notifications);
      const problem: Problem = {
        connectionId: connection.id,
        connectionName: connection.name,
        kind: 'order-dead-lettered',
        key: 'test',
        summary: `Test notice for connection "${connection.name}": notifications reach you.`,
        detail: 'Nothing is wrong; an operator asked for this test.',
        action: 'Nothing to do.',
        orders: [],
        letterIds: [],
        occurrences: 1,
      };
      return sendNotice(deps, connection, settings, problem, 0);
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

/** Runs `tick` every `tickMs` until stopped; a failing scan is logged and retried next time. */
export function startNotifierLoop(
  notifier: Notifier,
  log: NotifierLog,
  tickMs = 30_000,
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = notifier
      .tick()
      .catch((error: unknown) => log.warn({ err: String(error) }, 'notifier scan failed'));
  }, tickMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
