import t from 'tap';
import { parseAsperionSettings } from '../../src/index.js';
import { makeSettings } from '../fixtures/order-fixtures.js';

t.test('defaults apply and the result is frozen', async (t) => {
  const settings = makeSettings({ tenantId: '12345' });
  t.equal(settings.tenantId, 12345, 'tenant id from text');
  t.equal(settings.journalId, 'VK');
  t.equal(settings.invoiceNumberPrefix, 'WEB-');
  t.equal(settings.sendInvoiceAs, 'concept');
  t.equal(settings.checkProducts, false);
  t.equal(settings.timeZone, 'Europe/Amsterdam');
  t.ok(Object.isFrozen(settings));
});

t.test('every problem is listed, the first field named', async (t) => {
  t.throws(
    () =>
      parseAsperionSettings({
        apiBaseUrl: 'not a url',
        identityBaseUrl: 'https://identity.asperion.nl',
        clientId: 'c',
        clientSecret: 's',
        refreshToken: 'r',
        tenantId: 0,
        revenueAccounts: [],
        vatCodes: [{ vatRateBp: 2100, countryCode: 'nl', vatCode: 'H' }],
        timeZone: 'Mars/Olympus',
      }),
    {
      code: 'VALIDATION_FAILED',
      field: 'apiBaseUrl',
      message: /apiBaseUrl.*tenantId.*revenueAccounts.*vatCodes\.0\.countryCode.*timeZone/,
    },
  );
});
