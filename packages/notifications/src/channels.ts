/**
 * The two ways a notice goes out. E-mail through any SMTP server with nodemailer
 * (https://nodemailer.com/smtp/); the webhook signed per Standard Webhooks with its reference
 * library (`webhook-id`, `webhook-timestamp`, `webhook-signature`), so the receiver verifies it
 * with any of the spec's libraries.
 */
import { randomUUID } from 'node:crypto';
import { appError } from '@koppel/errors';
import nodemailer from 'nodemailer';
import { Webhook } from 'standardwebhooks';
import type { RenderedEmail } from './render-notification.js';

export type EmailChannel = { send(to: readonly string[], email: RenderedEmail): Promise<void> };

/** `smtpUrl` as nodemailer takes it, e.g. `smtp://user:pass@mail.example.com:587`. */
export function createEmailChannel(options: {
  smtpUrl: string;
  from: string;
  timeoutMs?: number;
}): EmailChannel {
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(to, email) {
      await transport.sendMail({ from: options.from, to: [...to], subject: email.subject, text: email.text });
    },
  };
}

export type WebhookChannel = { send(url: string, secret: string, body: string, at: Date): Promise<void> };

export function createWebhookChannel(
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): WebhookChannel {
  const send = options.fetch ?? fetch;
  const timeout = options.timeoutMs ?? 15_000;
  return {
    async send(url, secret, body, at) {
      const id = `msg_${randomUUID()}`;
      const signature = new Webhook(secret).sign(id, at, body);
      const response = await send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        signal: AbortSignal.timeout(timeout),
      });
      await response.arrayBuffer();
      if (!response.ok) {
        throw appError('TARGET_UNAVAILABLE', `the notification webhook answered HTTP ${response.status}`);
      }
    },
  };
}

/** A fresh Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return `whsec_${Buffer.from(bytes).toString('base64')}`;
}
