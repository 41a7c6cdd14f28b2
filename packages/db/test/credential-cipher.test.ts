import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@koppel/errors';
import t from 'tap';
import { createCredentialCipher, hashWebhookSecret, parseCredentialsKey } from '../src/index.js';

const credentials = { clientId: 'client-1', clientSecret: 'very-secret-value', scopes: ['a', 'b'], n: 3 };

t.test('sealed credentials open again with the same key', async (t) => {
  const cipher = createCredentialCipher(randomBytes(32));
  const sealed = cipher.seal(credentials);
  t.match(sealed, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'v1.<iv>.<tag>.<data>, base64url');
  t.notMatch(sealed, /very-secret-value/, 'the secret is not readable in the sealed text');
  t.same(cipher.open(sealed), credentials);
  t.not(cipher.seal(credentials), sealed, 'a fresh IV every time: equal plaintexts seal differently');
  t.same(cipher.open(cipher.seal({})), {}, 'empty credentials round-trip too');
});

t.test('a changed byte anywhere is caught by the GCM tag', async (t) => {
  const cipher = createCredentialCipher(randomBytes(32));
  const [version, iv, tag, data] = cipher.seal(credentials).split('.') as [string, string, string, string];
  const flip = (part: string) => {
    const bytes = Buffer.from(part, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    return bytes.toString('base64url');
  };
  for (const [name, tampered] of [
    ['data', [version, iv, tag, flip(data)]],
    ['tag', [version, iv, flip(tag), data]],
    ['iv', [version, flip(iv), tag, data]],
  ] as const) {
    t.throws(
      () => cipher.open(tampered.join('.')),
      { name: 'AppError', code: 'INTERNAL_ERROR', retryable: false, message: /CREDENTIALS_KEY/ },
      `tampered ${name} is rejected`,
    );
  }
});

t.test('a different key cannot open, and the error says so without the plaintext', async (t) => {
  const sealed = createCredentialCipher(randomBytes(32)).seal(credentials);
  const other = createCredentialCipher(randomBytes(32));
  const error = t.throws(() => other.open(sealed));
  t.ok(error instanceof AppError);
  t.notMatch(String((error as Error).message), /very-secret-value/);
});

t.test('unknown formats are refused before decryption', async (t) => {
  const cipher = createCredentialCipher(randomBytes(32));
  const sealed = cipher.seal(credentials);
  for (const bad of [
    '',
    'plain text',
    sealed.replace(/^v1/, 'v2'),
    sealed.split('.').slice(0, 3).join('.'),
  ]) {
    t.throws(
      () => cipher.open(bad),
      { code: 'INTERNAL_ERROR', message: /unknown format/ },
      JSON.stringify(bad),
    );
  }
});

t.test('the key is 32 bytes given as hex or base64, nothing else', async (t) => {
  const key = randomBytes(32);
  t.same(parseCredentialsKey(key.toString('hex')), key, 'hex');
  t.same(parseCredentialsKey(key.toString('hex').toUpperCase()), key, 'upper-case hex');
  t.same(parseCredentialsKey(key.toString('base64')), key, 'base64');
  t.throws(() => parseCredentialsKey(randomBytes(16).toString('hex')), /32 bytes/);
  t.throws(() => parseCredentialsKey(randomBytes(31).toString('base64')), /32 bytes/);
  t.throws(() => parseCredentialsKey(''), /32 bytes/);
  const sealed = createCredentialCipher(parseCredentialsKey(key.toString('hex'))).seal(credentials);
  t.same(createCredentialCipher(parseCredentialsKey(key.toString('base64'))).open(sealed), credentials);
});

t.test('webhook secrets are stored as their sha256 hex', async (t) => {
  t.equal(
    hashWebhookSecret('abc'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    'the FIPS 180-2 test vector',
  );
  t.equal(hashWebhookSecret('süß'), createHash('sha256').update(Buffer.from('süß', 'utf8')).digest('hex'));
  t.not(hashWebhookSecret('a'), hashWebhookSecret('b'));
});
