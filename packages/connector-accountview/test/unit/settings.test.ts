/** The settings schema: required URL and company, journal pages need a daybook and revenue accounts. */
import t from 'tap';
import { credentialsSchema, settingsSchema } from '../../src/index.js';

const minimal = {
  apiBaseUrl: 'https://av.example.nl/api/v3',
  companyId: 'c-1',
  vatCodes: [{ vatRateBp: 2100, vatCode: '2' }],
};

t.test('a sales-order connection needs only URL, company and VAT codes', async (t) => {
  const parsed = settingsSchema.parse(minimal);
  t.equal(parsed.documentType, 'sales-order');
  t.equal(parsed.documentNumberPrefix, 'WEB-');
  t.equal(parsed.checkProducts, true);
  for (const key of ['apiBaseUrl', 'companyId', 'vatCodes'] as const) {
    const { [key]: _left, ...rest } = minimal;
    t.notOk(settingsSchema.safeParse(rest).success, `${key} is required`);
  }
});

t.test('a journal-page connection needs a daybook and revenue accounts', async (t) => {
  const result = settingsSchema.safeParse({ ...minimal, documentType: 'journal-page' });
  t.notOk(result.success);
  t.same(
    result.error?.issues.map((i) => i.path.join('.')),
    ['daybookCode', 'revenueAccounts'],
    'naming both settings',
  );
  t.ok(
    settingsSchema.safeParse({
      ...minimal,
      documentType: 'journal-page',
      daybookCode: '70',
      revenueAccounts: [{ vatRateBp: 2100, accountNumber: '8000' }],
    }).success,
  );
});

t.test('credentials need the client and the refresh token', async (t) => {
  t.ok(credentialsSchema.safeParse({ clientId: 'a', clientSecret: 'b', refreshToken: 'c' }).success);
  t.notOk(credentialsSchema.safeParse({ clientId: 'a', clientSecret: 'b' }).success);
});

t.test('the API base URL must be an http(s) URL', async (t) => {
  t.ok(settingsSchema.safeParse({ ...minimal, apiBaseUrl: 'http://127.0.0.1:8080/api/v3' }).success, 'http');
  for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://av.example.nl/api/v3']) {
    const result = settingsSchema.safeParse({ ...minimal, apiBaseUrl: bad });
    t.same(
      result.error?.issues.map((issue) => issue.path.join('.')),
      ['apiBaseUrl'],
      bad,
    );
  }
});
