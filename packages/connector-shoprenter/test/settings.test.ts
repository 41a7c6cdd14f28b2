import t from 'tap';
import { shoprenterSettingsSchema, shoprenterSourceSchema } from '../src/index.js';
import { apiBaseUrlOf } from '../src/settings.js';

t.test('the API host defaults to the current <shop>.api.myshoprenter.hu pattern', async (t) => {
  const settings = shoprenterSettingsSchema.parse({ shopName: 'demo' });
  t.equal(apiBaseUrlOf(settings), 'https://demo.api.myshoprenter.hu');
});

t.test('the shop is named by its API subdomain; a pasted API URL or host is cut down to it', async (t) => {
  for (const input of [
    'demo',
    'demo.api.myshoprenter.hu',
    'https://demo.api.myshoprenter.hu/api/orders',
    'https://demo.api2.myshoprenter.hu',
    'demo.shoprenter.hu',
  ]) {
    t.equal(shoprenterSettingsSchema.parse({ shopName: input }).shopName, 'demo', input);
  }
  t.notOk(
    shoprenterSettingsSchema.safeParse({ shopName: 'https://example.com/x' }).success,
    'other hosts refused',
  );
});

t.test('write-back is off by default and needs the API client when on', async (t) => {
  t.same(shoprenterSettingsSchema.parse({ shopName: 'demo' }).writeBack, { invoiceNumber: false });
  const result = shoprenterSourceSchema.safeParse({
    settings: { shopName: 'demo', writeBack: { invoiceNumber: true } },
    credentials: {},
  });
  t.notOk(result.success);
  t.same(
    result.error?.issues.map((i) => i.path.join('.')),
    ['credentials.clientId', 'credentials.clientSecret'],
  );
});
