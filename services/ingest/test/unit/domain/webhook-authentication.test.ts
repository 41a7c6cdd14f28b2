import crypto, { createHash, randomBytes } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import t from 'tap';
import { Webhook } from 'standardwebhooks';
import {
  ipAllowed,
  secretMatches,
  verifyStandardWebhook,
} from '../../../src/domain/webhook-authentication.js';

const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

t.test('URL secret', async (t) => {
  const secret = randomBytes(24).toString('base64url');
  const stored = sha256Hex(secret);

  t.test('the right secret matches its stored hash', async (t) => {
    t.equal(secretMatches(secret, stored), true);
    t.equal(secretMatches(secret, stored.toUpperCase()), true, 'hex case does not matter');
  });

  t.test('wrong secrets are rejected', async (t) => {
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    t.equal(secretMatches(flipped, stored), false, 'same length, last character differs');
    t.equal(secretMatches(`${secret}x`, stored), false, 'longer');
    t.equal(secretMatches(secret.slice(0, -1), stored), false, 'shorter');
    t.equal(secretMatches('', stored), false, 'empty');
    t.equal(secretMatches(stored, stored), false, 'presenting the stored hash itself');
  });

  t.test('a malformed stored hash never matches and never throws', async (t) => {
    t.equal(secretMatches(secret, ''), false, 'empty');
    t.equal(secretMatches(secret, stored.slice(0, 32)), false, 'half a digest');
    t.equal(secretMatches(secret, 'not hex at all'), false, 'not hex');
  });

  t.test('the comparison is timingSafeEqual over two whole sha256 digests', async (t) => {
    const original = crypto.timingSafeEqual;
    const seen: [number, number][] = [];
    crypto.timingSafeEqual = (a, b) => {
      seen.push([a.byteLength, b.byteLength]);
      return original(a, b);
    };
    syncBuiltinESMExports();
    t.teardown(() => {
      crypto.timingSafeEqual = original;
      syncBuiltinESMExports();
    });
    secretMatches(secret, stored);
    secretMatches('a', stored);
    secretMatches(`${secret}${'x'.repeat(500)}`, stored);
    t.same(
      seen,
      [
        [32, 32],
        [32, 32],
        [32, 32],
      ],
      'every presented secret, whatever its length, is hashed and compared in constant time',
    );
  });
});

t.test('IP allowlist', async (t) => {
  t.test('an empty list allows any address', async (t) => {
    t.equal(ipAllowed('198.51.100.7', []), true);
    t.equal(ipAllowed('2001:db8::1', []), true);
  });

  t.test('single addresses', async (t) => {
    const list = ['203.0.113.7', '2001:db8::42'];
    t.equal(ipAllowed('203.0.113.7', list), true);
    t.equal(ipAllowed('203.0.113.8', list), false);
    t.equal(ipAllowed('2001:db8::42', list), true);
    t.equal(ipAllowed('2001:db8::43', list), false);
  });

  t.test('CIDR ranges, both families', async (t) => {
    const list = ['10.0.0.0/8', '192.168.4.0/22', '2001:db8:abcd::/48'];
    t.equal(ipAllowed('10.255.0.1', list), true);
    t.equal(ipAllowed('11.0.0.1', list), false);
    t.equal(ipAllowed('192.168.7.255', list), true, 'last address of the /22');
    t.equal(ipAllowed('192.168.8.0', list), false, 'first address past the /22');
    t.equal(ipAllowed('2001:db8:abcd:12::1', list), true);
    t.equal(ipAllowed('2001:db8:abce::1', list), false);
  });

  t.test('IPv4-mapped IPv6 addresses (a dual-stack listener) are matched as IPv4', async (t) => {
    t.equal(ipAllowed('::ffff:203.0.113.7', ['203.0.113.7']), true);
    t.equal(ipAllowed('::ffff:10.1.2.3', ['10.0.0.0/8']), true);
    t.equal(ipAllowed('::ffff:172.16.0.1', ['10.0.0.0/8']), false);
    t.equal(ipAllowed('203.0.113.7', ['::ffff:203.0.113.7']), true, 'and a mapped entry allows its IPv4');
  });

  t.test('an address of the other family never matches', async (t) => {
    t.equal(ipAllowed('10.0.0.1', ['2001:db8::/32']), false);
    t.equal(ipAllowed('2001:db8::1', ['10.0.0.0/8']), false);
  });

  t.test('malformed entries are ignored, never widened and never thrown on', async (t) => {
    for (const entry of ['not-an-ip', '10.0.0.0/', '10.0.0.0/abc', '10.0.0.0/33', '2001:db8::/129', '/8']) {
      t.equal(ipAllowed('10.0.0.1', [entry]), false, `"${entry}" allows nothing`);
      t.equal(ipAllowed('10.0.0.1', [entry, '10.0.0.1']), true, `"${entry}" next to a valid entry`);
    }
  });
});

t.test('Standard Webhooks signature', async (t) => {
  const signingSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const body = JSON.stringify({ type: 'order.created', data: { id: 'o-1' } });
  const signed = (at: Date, id = 'msg_1', payload = body, secret = signingSecret) => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, payload),
  });

  t.test('a valid signature passes', async (t) => {
    t.equal(verifyStandardWebhook(signingSecret, body, signed(new Date())), undefined);
  });

  t.test('headers given as arrays (repeated headers) use the first value', async (t) => {
    const headers = signed(new Date());
    const asArrays = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v, 'ignored']]));
    t.equal(verifyStandardWebhook(signingSecret, body, asArrays), undefined);
  });

  t.test('a signature over other bytes, another id or another secret is rejected', async (t) => {
    const now = new Date();
    t.match(
      verifyStandardWebhook(signingSecret, `${body} `, signed(now)),
      /no matching signature/i,
      'body changed by one byte',
    );
    t.match(
      verifyStandardWebhook(signingSecret, body, { ...signed(now), 'webhook-id': 'msg_2' }),
      /no matching signature/i,
      'id swapped',
    );
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    t.match(
      verifyStandardWebhook(signingSecret, body, signed(now, 'msg_1', body, other)),
      /no matching signature/i,
      'signed with another secret',
    );
    t.match(
      verifyStandardWebhook(signingSecret, body, { ...signed(now), 'webhook-signature': 'v1,AAAA' }),
      /no matching signature/i,
      'garbage signature',
    );
  });

  t.test('a timestamp older than 5 minutes is rejected', async (t) => {
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    t.match(verifyStandardWebhook(signingSecret, body, signed(sixMinutesAgo)), /too old/i);
    const fourMinutesAgo = new Date(Date.now() - 4 * 60_000);
    t.equal(
      verifyStandardWebhook(signingSecret, body, signed(fourMinutesAgo)),
      undefined,
      'within tolerance',
    );
  });

  t.test('a timestamp in the future beyond the tolerance is rejected', async (t) => {
    const sixMinutesAhead = new Date(Date.now() + 6 * 60_000);
    t.match(verifyStandardWebhook(signingSecret, body, signed(sixMinutesAhead)), /too new/i);
  });

  t.test('missing headers are rejected with a reason', async (t) => {
    const headers = signed(new Date());
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const { [name]: _dropped, ...rest } = headers;
      t.match(
        verifyStandardWebhook(signingSecret, body, rest),
        /missing required headers/i,
        `without ${name}`,
      );
    }
    t.match(verifyStandardWebhook(signingSecret, body, {}), /missing required headers/i, 'no headers at all');
  });

  t.test('a non-numeric timestamp is rejected', async (t) => {
    const headers = { ...signed(new Date()), 'webhook-timestamp': 'yesterday' };
    t.match(verifyStandardWebhook(signingSecret, body, headers), /invalid signature headers/i);
  });
});
