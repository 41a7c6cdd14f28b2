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

t.test('the API and identity hosts must be http(s) URLs', async (t) => {
  const valid = settingsSchema.safeParse({
    apiBaseUrl: 'https://api.asperion.nl',
    identityBaseUrl: 'http://127.0.0.1:8080',
    tenantId: 1,
    revenueAccounts: [{ vatRateBp: 2100, ledgerAccountId: 8000 }],
    vatCodes: [{ vatRateBp: 2100, vatCode: 'H' }],
  });
  t.same(valid.error?.issues ?? [], [], 'https and http are taken');
  for (const bad of [
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://api.asperion.nl',
    'data:text/plain,x',
  ]) {
    const result = settingsSchema.safeParse({ apiBaseUrl: bad, identityBaseUrl: bad });
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    t.ok(paths.includes('apiBaseUrl'), `apiBaseUrl ${bad}`);
    t.ok(paths.includes('identityBaseUrl'), `identityBaseUrl ${bad}`);
  }
});
