import t from 'tap';
import { isIpOrCidr } from '../../../src/domain/ip-allowlist-entry.js';
import { toJourneyStatus } from '../../../src/domain/journey-status.js';
import { generateWebhookSecret, toWebhookUrl } from '../../../src/domain/webhook-secret.js';

t.test('allowlist entries are addresses or CIDRs that fit their family', async (t) => {
  for (const ok of [
    '203.0.113.7',
    '10.0.0.0/8',
    '0.0.0.0/0',
    '10.1.2.3/32',
    '::1',
    '2001:db8::/32',
    '::/128',
  ]) {
    t.ok(isIpOrCidr(ok), ok);
  }
  for (const bad of [
    '',
    'host.example',
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0/8',
    '1.2.3.4/-1',
    '1.2.3.4/ 8',
  ]) {
    t.notOk(isIpOrCidr(bad), JSON.stringify(bad));
  }
});

t.test('journey status is the last meaningful stage', async (t) => {
  t.equal(toJourneyStatus([]), undefined);
  t.equal(toJourneyStatus(['duplicate_ignored']), undefined);
  t.equal(toJourneyStatus(['received', 'duplicate_ignored']), 'received');
  t.equal(toJourneyStatus(['received', 'mapped', 'debtor_found', 'routed']), 'mapped');
  t.equal(toJourneyStatus(['received', 'mapped', 'delivered', 'duplicate_ignored']), 'delivered');
  t.equal(toJourneyStatus(['received', 'mapped', 'failed']), 'failed');
  t.equal(toJourneyStatus(['received', 'already_in_target']), 'delivered');
  t.equal(toJourneyStatus(['received', 'some_future_stage']), 'received', 'unknown stages are ignored');
  t.equal(
    toJourneyStatus(['received', 'mapped', 'delivered', 'received', 'skipped']),
    'delivered',
    'a stale pending webhook skipped after the booking leaves the order delivered',
  );
  t.equal(toJourneyStatus(['received', 'mapped', 'dead_lettered', 'received', 'skipped']), 'dead_lettered');
  t.equal(toJourneyStatus(['received', 'skipped', 'received', 'mapped']), 'mapped', 'pending, then paid');
  t.equal(toJourneyStatus(['received', 'skipped']), 'skipped');
  t.equal(
    toJourneyStatus(['received', 'mapped', 'delivered', 'received', 'mapped', 'routed']),
    'delivered',
    'a later event of a booked order passing through leaves it delivered',
  );
  t.equal(
    toJourneyStatus(['received', 'mapped', 'delivered', 'routed']),
    'delivered',
    'a step written late (its write retried after a database restart) does not move a booked order back',
  );
  t.equal(toJourneyStatus(['received', 'mapped', 'delivered', 'retrying', 'paused']), 'delivered');
  t.equal(
    toJourneyStatus(['received', 'mapped', 'delivered', 'dead_lettered']),
    'dead_lettered',
    'failures do',
  );
});

t.test('webhook secrets are 32 random URL-safe bytes and the URL joins cleanly', async (t) => {
  const a = generateWebhookSecret();
  t.match(a, /^[A-Za-z0-9_-]{43}$/);
  t.not(a, generateWebhookSecret());
  t.equal(
    toWebhookUrl('https://h.example/', 'myshop', 'c-1', a),
    `https://h.example/webhooks/myshop/c-1/${a}`,
  );
  t.equal(
    toWebhookUrl('https://h.example/base//', 'myshop', 'c-1', 's'),
    'https://h.example/base/webhooks/myshop/c-1/s',
  );
});
