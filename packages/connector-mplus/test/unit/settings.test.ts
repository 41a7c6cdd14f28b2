import t from 'tap';
import { credentialsSchema, settingsSchema } from '../../src/index.js';
import { mplusSourceSettingsSchema } from '../../src/source/settings.js';

const minimal = {
  apiUrl: 'https://api.mpluskassa.nl:44038',
  taxCodes: [{ vatRateBp: 2100, vatCode: 2 }],
  shippingArticleNumber: '999',
};

t.test('defaults: employee 999999, branch 1, createOrder, inclusive, WEB- prefix', async (t) => {
  const settings = settingsSchema.parse(minimal);
  t.equal(settings.employeeNumber, 999999);
  t.equal(settings.entryBranchNumber, 1);
  t.equal(settings.orderOperation, 'createOrder');
  t.equal(settings.vatMethod, 'inclusive');
  t.equal(settings.extOrderIdPrefix, 'WEB-');
  t.equal(settings.shippingArticleNumber, '999');
});

t.test('article numbers are numeric only; the table takes numbers or digit strings', async (t) => {
  t.notOk(settingsSchema.safeParse({ ...minimal, shippingArticleNumber: 'SHIP' }).success);
  const parsed = settingsSchema.parse({
    ...minimal,
    articleNumbers: { 'MUG-01': 100236, 'TEA-01': '100237' },
  });
  t.same(parsed.articleNumbers, { 'MUG-01': '100236', 'TEA-01': '100237' });
  t.notOk(settingsSchema.safeParse({ ...minimal, articleNumbers: { X: 'A1' } }).success);
});

t.test('refused: no host, no tax codes, an unknown time zone, empty credentials', async (t) => {
  t.notOk(settingsSchema.safeParse({ ...minimal, apiUrl: undefined }).success);
  t.notOk(settingsSchema.safeParse({ ...minimal, taxCodes: [] }).success);
  t.notOk(settingsSchema.safeParse({ ...minimal, timeZone: 'Mars/Olympus' }).success);
  t.notOk(credentialsSchema.safeParse({ ident: 'x', secret: '' }).success);
});

t.test('the API address must be an http(s) URL, as a target and as a source', async (t) => {
  const source = { apiUrl: minimal.apiUrl, turnoverGroup: 1 };
  t.ok(mplusSourceSettingsSchema.safeParse(source).success, 'a valid source');
  for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://api.mpluskassa.nl:44038']) {
    for (const [name, result] of [
      ['target', settingsSchema.safeParse({ ...minimal, apiUrl: bad })],
      ['source', mplusSourceSettingsSchema.safeParse({ ...source, apiUrl: bad })],
    ] as const) {
      t.same(
        result.error?.issues.map((issue) => issue.path.join('.')),
        ['apiUrl'],
        `${name}: ${bad}`,
      );
    }
  }
});
