import t from 'tap';
import { loadConfig } from '../../src/config.js';

t.test('defaults: port 4107 on loopback, 120 requests per minute, no state file', async (t) => {
  t.same(loadConfig({}), { PORT: 4107, HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: 120 });
  t.ok(Object.isFrozen(loadConfig({})));
});

t.test('values are coerced; every problem is listed', async (t) => {
  t.match(loadConfig({ PORT: '8080', STATE_FILE: '/tmp/innvoice.json', RATE_LIMIT_PER_MINUTE: '0' }), {
    PORT: 8080,
    STATE_FILE: '/tmp/innvoice.json',
    RATE_LIMIT_PER_MINUTE: 0,
  });
  t.throws(() => loadConfig({ PORT: 'eighty', PUBLIC_URL: 'nope' }), /PORT[\s\S]*PUBLIC_URL/);
});
