import { randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: URL-safe, 43 characters, 256 bits of entropy. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The URL a shop posts to (ingest's `POST /webhooks/:source/:connectionId/:secret`). The
 * secret is part of the path because some shops cannot sign or add headers to webhooks.
 */
export function toWebhookUrl(
  baseUrl: string,
  sourceSystem: string,
  connectionId: string,
  secret: string,
): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/webhooks/${encodeURIComponent(sourceSystem)}/${encodeURIComponent(connectionId)}/${secret}`;
}
