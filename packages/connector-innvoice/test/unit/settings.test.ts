/** The settings schema: the API host must be an http(s) URL. */
import t from 'tap';
import { settingsSchema } from '../../src/index.js';

const minimal = { apiBaseUrl: 'https://api.innvoice.hu', company: 'koppeldemo', invoicePadId: 1 };

t.test('the API base URL must be an http(s) URL', async (t) => {
  t.ok(settingsSchema.safeParse(minimal).success, 'https');
  t.ok(settingsSchema.safeParse({ ...minimal, apiBaseUrl: 'http://127.0.0.1:8080' }).success, 'http');
  for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://api.innvoice.hu']) {
    const result = settingsSchema.safeParse({ ...minimal, apiBaseUrl: bad });
    t.same(
      result.error?.issues.map((issue) => issue.path.join('.')),
      ['apiBaseUrl'],
      bad,
    );
  }
});
