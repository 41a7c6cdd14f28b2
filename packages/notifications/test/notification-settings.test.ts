/** The notification settings schema: recipients as RFC 5321 allows them. */
import t from 'tap';
import { notificationSettingsSchema } from '../src/index.js';

const pathsOf = (settings: unknown) =>
  notificationSettingsSchema.safeParse(settings).error?.issues.map((issue) => issue.path.join('.')) ?? [];

t.test('an address at the RFC 5321 limits is taken', async (t) => {
  const local = 'a'.repeat(64);
  const longest = `${local}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(58)}.nl`;
  t.equal(longest.length, 254);
  t.same(pathsOf({ email: { to: ['ops@example.nl', `${local}@example.nl`, longest] } }), []);
});

t.test(
  'a local part over 64 or an address over 254 characters is refused naming the recipient',
  async (t) => {
    const longLocal = `${'a'.repeat(65)}@example.nl`;
    t.same(pathsOf({ email: { to: ['ops@example.nl', longLocal] } }), ['email.to.1']);
    const result = notificationSettingsSchema.safeParse({ email: { to: [longLocal] } });
    t.match(result.error?.issues[0]?.message, /64/, 'the message says the limit');

    const longAddress = `ops@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(60)}.nl`;
    t.ok(longAddress.length > 254);
    t.same(pathsOf({ email: { to: [longAddress] } }), ['email.to.0']);
  },
);

t.test('what was refused before still is', async (t) => {
  t.same(pathsOf({ email: { to: ['not an address'] } }), ['email.to.0']);
  t.same(pathsOf({ email: { to: [] } }), ['email.to']);
});
