/**
 * Sends a run's webhooks to ingest as a shop (plus a load balancer) would: `concurrency` at a
 * time, spread over the ingest replicas, each task's webhooks one after the other (so "paid,
 * then pending" reaches Koppel in that order). A webhook that is not acknowledged (connection
 * refused or cut, 5xx, 429) is sent again until it is: Shoprenter itself sends once, but a lost
 * webhook comes back through the reconciliation poll, and the fault matrix must not lose orders
 * on its own side. A 4xx other than 429 is a defect, counted and not retried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { OrderWebhook } from './order-webhooks.js';

export type SendProgress = { sent: number; resent: number; refused: number };

export type WebhookSender = {
  progress(): SendProgress;
  /** Resolves when every task is acknowledged (or refused). */
  done: Promise<void>;
  /** Gives up on what is not sent yet (the run's deadline). */
  abort(): void;
};

export function sendWebhooks(options: {
  tasks: OrderWebhook[][];
  /** `<ingest base URL>` of each replica; the path (with the secret) is added. */
  ingestUrls: string[];
  webhookPath: string;
  concurrency: number;
}): WebhookSender {
  const progress: SendProgress = { sent: 0, resent: 0, refused: 0 };
  let aborted = false;
  let next = 0;
  let turn = 0;

  const post = async (webhook: OrderWebhook): Promise<void> => {
    for (let attempt = 0; !aborted; attempt += 1) {
      const base = options.ingestUrls[turn++ % options.ingestUrls.length];
      if (attempt > 0) progress.resent += 1;
      try {
        const response = await fetch(`${base}${options.webhookPath}`, {
          method: 'POST',
          headers: { 'content-type': webhook.contentType },
          body: webhook.body,
          signal: AbortSignal.timeout(15_000),
        });
        await response.arrayBuffer();
        if (response.status >= 200 && response.status < 300) return;
        if (response.status !== 429 && response.status < 500) {
          progress.refused += 1;
          return;
        }
      } catch {
        // Connection refused or cut (a killed ingest): send again.
      }
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
    }
  };

  const worker = async () => {
    for (let index = next++; index < options.tasks.length && !aborted; index = next++) {
      for (const webhook of options.tasks[index] ?? []) await post(webhook);
      progress.sent += 1;
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => undefined);
  return {
    progress: () => ({ ...progress }),
    done,
    abort() {
      aborted = true;
    },
  };
}
