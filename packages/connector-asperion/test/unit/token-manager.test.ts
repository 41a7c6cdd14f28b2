import t from 'tap';
import { createTokenManager, type FetchLike } from '../../src/index.js';
import type { CredentialsLock } from '../../src/token-manager.js';

type Call = { url: string; form: URLSearchParams };

/** A token endpoint that rotates: every refresh answers access token n and refresh token rt-n. */
function fakeIdentity(respond?: (call: Call, n: number) => Response | undefined) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = { url, form: new URLSearchParams(String(init.body)) };
    calls.push(call);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const n = calls.length;
    return (
      respond?.(call, n) ??
      Response.json({
        access_token: `at-${n}`,
        expires_in: 3600,
        refresh_token: `rt-${n}`,
        token_type: 'Bearer',
      })
    );
  };
  return { calls, fetch };
}

t.test('refresh-token grant with client credentials in the form body, single-flight', async (t) => {
  const identity = fakeIdentity();
  const saved: string[] = [];
  const tokens = createTokenManager({
    identityBaseUrl: 'https://identity.example/',
    clientId: 'cid',
    clientSecret: 'secret',
    refreshToken: 'rt-0',
    onRefreshTokenRotated: async (token) => {
      saved.push(token);
    },
    fetch: identity.fetch,
  });
  const results = await Promise.all([
    tokens.getAccessToken(),
    tokens.getAccessToken(),
    tokens.getAccessToken(),
  ]);
  t.same(results, ['at-1', 'at-1', 'at-1']);
  t.equal(identity.calls.length, 1, 'one refresh for three concurrent callers');
  const call = identity.calls[0];
  t.equal(call?.url, 'https://identity.example/connect/token');
  t.same(Object.fromEntries(call?.form ?? []), {
    grant_type: 'refresh_token',
    refresh_token: 'rt-0',
    client_id: 'cid',
    client_secret: 'secret',
  });
  t.same(saved, ['rt-1'], 'rotated token handed to the callback');
  t.equal(await tokens.getAccessToken(), 'at-1', 'cached');
  tokens.invalidate('at-other');
  t.equal(await tokens.getAccessToken(), 'at-1', 'invalidating a stale token keeps the cache');
  tokens.invalidate('at-1');
  t.equal(await tokens.getAccessToken(), 'at-2');
  t.equal(identity.calls[1]?.form.get('refresh_token'), 'rt-1', 'the rotated token is used next');
});

t.test('refreshes within the margin before expiry', async (t) => {
  let clock = 0;
  const identity = fakeIdentity();
  const tokens = createTokenManager({
    identityBaseUrl: 'https://identity.example',
    clientId: 'cid',
    clientSecret: 'secret',
    refreshToken: 'rt-0',
    onRefreshTokenRotated: async () => {},
    fetch: identity.fetch,
    now: () => clock,
  });
  t.equal(await tokens.getAccessToken(), 'at-1');
  clock = 3_539_000;
  t.equal(await tokens.getAccessToken(), 'at-1', '61 s left: still cached');
  clock = 3_541_000;
  t.equal(await tokens.getAccessToken(), 'at-2', '59 s left: refreshed');
});

t.test('a rotated token that could not be saved is saved before anything else', async (t) => {
  const identity = fakeIdentity();
  let failSaves = 1;
  const saved: string[] = [];
  const tokens = createTokenManager({
    identityBaseUrl: 'https://identity.example',
    clientId: 'cid',
    clientSecret: 'secret',
    refreshToken: 'rt-0',
    onRefreshTokenRotated: async (token) => {
      if (failSaves-- > 0) throw new Error('db down');
      saved.push(token);
    },
    fetch: identity.fetch,
  });
  await t.rejects(tokens.getAccessToken(), { code: 'INTERNAL_ERROR', retryable: true });
  t.equal(await tokens.getAccessToken(), 'at-1', 'saved on the second call, cached access token reused');
  t.same(saved, ['rt-1']);
  t.equal(identity.calls.length, 1, 'no second refresh was needed');
});

t.test('invalid_grant asks the operator to reconnect; 5xx and 429 are retryable', async (t) => {
  const make = (response: Response) =>
    createTokenManager({
      identityBaseUrl: 'https://identity.example',
      clientId: 'cid',
      clientSecret: 'secret',
      refreshToken: 'rt-0',
      onRefreshTokenRotated: async () => {},
      fetch: fakeIdentity(() => response.clone()).fetch,
    });
  await t.rejects(make(Response.json({ error: 'invalid_grant' }, { status: 400 })).getAccessToken(), {
    code: 'TARGET_AUTH_FAILED',
    retryable: false,
    message: /Reconnect the Asperion connection/,
  });
  await t.rejects(make(new Response('<html>', { status: 502 })).getAccessToken(), {
    code: 'TARGET_UNAVAILABLE',
    retryable: true,
  });
  await t.rejects(make(new Response('', { status: 429, headers: { 'retry-after': '7' } })).getAccessToken(), {
    code: 'TARGET_RATE_LIMITED',
    retryAfterSeconds: 7,
  });
});

/** A credentials lock over one stored token, as `withCredentialsLock` on the connection row is. */
function fakeLock(initial: string, failSaves = 0) {
  const store = { refreshToken: initial, saves: 0, failSaves };
  const lockCredentials: CredentialsLock = async (work) => {
    const { rotated, result } = await work(store.refreshToken);
    if (rotated !== undefined) {
      if (store.failSaves-- > 0) throw new Error('commit failed');
      store.refreshToken = rotated;
      store.saves += 1;
    }
    return result;
  };
  return { store, lockCredentials };
}

t.test('under the lock, a token another replica rotated is read from the store and used', async (t) => {
  const identity = fakeIdentity();
  const lock = fakeLock('rt-0');
  const tokens = createTokenManager({
    identityBaseUrl: 'https://identity.example',
    clientId: 'cid',
    clientSecret: 'secret',
    refreshToken: 'rt-0',
    onRefreshTokenRotated: async () => {
      t.fail('saved through the lock, not the callback');
    },
    lockCredentials: lock.lockCredentials,
    fetch: identity.fetch,
  });
  t.equal(await tokens.getAccessToken(), 'at-1');
  t.equal(lock.store.refreshToken, 'rt-1', 'the rotation is stored inside the lock');
  lock.store.refreshToken = 'rt-other-replica';
  tokens.invalidate('at-1');
  t.equal(await tokens.getAccessToken(), 'at-2');
  t.equal(
    identity.calls[1]?.form.get('refresh_token'),
    'rt-other-replica',
    'refreshed with the stored token, not this session’s spent rt-1',
  );
  t.equal(lock.store.refreshToken, 'rt-2');
});

t.test('under the lock, a still valid access token is used without a refresh', async (t) => {
  const identity = fakeIdentity();
  const lock = fakeLock('rt-0', 1);
  const tokens = createTokenManager({
    identityBaseUrl: 'https://identity.example',
    clientId: 'cid',
    clientSecret: 'secret',
    refreshToken: 'rt-0',
    onRefreshTokenRotated: async () => {},
    lockCredentials: lock.lockCredentials,
    fetch: identity.fetch,
  });
  await t.rejects(tokens.getAccessToken(), { code: 'INTERNAL_ERROR', retryable: true }, 'the save failed');
  t.equal(lock.store.refreshToken, 'rt-0');
  t.equal(await tokens.getAccessToken(), 'at-1', 'the access token got before the failed save is reused');
  t.equal(lock.store.refreshToken, 'rt-1', 'and the rotated token is saved on this second pass');
  t.equal(identity.calls.length, 1, 'no second refresh: the access token was still good');
});
