import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { appError } from '@koppel/errors';

/**
 * Seals connection credentials at rest with AES-256-GCM. The key comes from config
 * (`CREDENTIALS_KEY`, 32 bytes as base64 or 64 hex chars). Format: `v1.<iv>.<tag>.<data>`,
 * base64url parts, so a later key rotation can add `v2`.
 */
export type CredentialCipher = {
  seal(value: Record<string, unknown>): string;
  open(sealed: string): Record<string, unknown>;
};

export function parseCredentialsKey(raw: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error('CREDENTIALS_KEY must be 32 bytes (64 hex chars or base64)');
  return key;
}

export function createCredentialCipher(key: Buffer): CredentialCipher {
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', iv, tag, data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) {
        throw appError('INTERNAL_ERROR', 'sealed credentials have an unknown format', { retryable: false });
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
      } catch (cause) {
        throw appError('INTERNAL_ERROR', 'credentials cannot be opened with the configured CREDENTIALS_KEY', {
          retryable: false,
          cause,
        });
      }
    },
  };
}

/** Webhook secrets are stored as sha256 only; the plain secret is shown once at creation. */
export function hashWebhookSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
