import t from 'tap';
import { loadConfig } from '../../src/config.js';

t.test('defaults: port 4105 on loopback, memory only, sandbox credentials, 20/s', async (t) => {
  const config = loadConfig({});
  t.match(config, {
    PORT: 4105,
    HOST: '127.0.0.1',
    MPLUS_RATE_LIMIT_REQUESTS: 20,
    MPLUS_RATE_LIMIT_WINDOW_MS: 1000,
  });
  t.equal(config.STATE_FILE, undefined);
  t.ok(Object.isFrozen(config));
});

t.test('every problem is listed; ident and secret go together', async (t) => {
  t.throws(
    () => loadConfig({ PORT: 'eighty', MPLUS_RATE_LIMIT_REQUESTS: '-1' }),
    /PORT[\s\S]*MPLUS_RATE_LIMIT_REQUESTS/,
  );
  t.throws(() => loadConfig({ MPLUS_IDENT: 'tenant' }), /MPLUS_IDENT and MPLUS_SECRET together/);
  t.match(loadConfig({ PORT: '44038', STATE_FILE: '/tmp/m.json', MPLUS_IDENT: 'a', MPLUS_SECRET: 'b' }), {
    PORT: 44038,
    STATE_FILE: '/tmp/m.json',
  });
});
