import t from 'tap';
import { credentialsSchema, settingsSchema } from '../../src/index.js';
import { makeSettings } from '../fixtures/order-fixtures.js';

t.test('defaults apply to the non-secret settings', async (t) => {
  const settings = makeSettings({ tenantId: '12345' });
  t.equal(settings.tenantId, 12345, 'tenant id from text');
  t.equal(settings.journalId, 'VK');
  t.equal(settings.invoiceNumberPrefix, 'WEB-');
  t.equal(settings.sendInvoiceAs, 'concept');
  t.equal(settings.checkProducts, false);
  t.equal(settings.timeZone, 'Europe/Amsterdam');
  t.equal(settings.language, 'en-US');
  t.same(settings.rateLimit, { requestsPerSecond: 4, burst: 8 }, "today's client-side limit");
});

t.test('every problem of the settings is listed with its path', async (t) => {
  const result = settingsSchema.safeParse({
    apiBaseUrl: 'not a url',
    identityBaseUrl: 'https://identity.asperion.nl',
    tenantId: 0,
    revenueAccounts: [],
    vatCodes: [{ vatRateBp: 2100, countryCode: 'nl', vatCode: 'H' }],
    timeZone: 'Mars/Olympus',
    rateLimit: { requestsPerSecond: 0, burst: 8 },
  });
  t.notOk(result.success);
  t.same(result.error?.issues.map((issue) => issue.path.join('.')).sort(), [
    'apiBaseUrl',
    'rateLimit.requestsPerSecond',
    'revenueAccounts',
    'tenantId',
    'timeZone',
    'vatCodes.0.countryCode',
  ]);
});

t.test('secrets are credentials, not settings, and have no defaults', async (t) => {
  t.notOk('clientSecret' in settingsSchema.shape, 'no secret in the settings');
  t.same(Object.keys(credentialsSchema.shape).sort(), ['clientId', 'clientSecret', 'refreshToken']);
  const missing = credentialsSchema.safeParse({ clientId: 'koppel-dev' });
  t.same(
    missing.error?.issues.map((issue) => issue.path.join('.')),
    ['clientSecret', 'refreshToken'],
  );
});
