import t from 'tap';
import { loadConfig } from '../../src/config.js';

t.test('defaults, parsing and freezing', async (t) => {
  const config = loadConfig({ PORT: '5000', STATE_FILE: '/tmp/av.json' });
  t.same(config, {
    PORT: 5000,
    HOST: '127.0.0.1',
    STATE_FILE: '/tmp/av.json',
    RATE_LIMIT_REQUESTS: 20,
    RATE_LIMIT_WINDOW_MS: 1000,
    ACCESS_TOKEN_TTL_SECONDS: 3600,
  });
  t.ok(Object.isFrozen(config));
});

t.test('an invalid environment fails listing every problem', async (t) => {
  let message = '';
  try {
    loadConfig({ PORT: '70000', RATE_LIMIT_REQUESTS: '-1', HOST: '' });
  } catch (error) {
    message = (error as Error).message;
  }
  t.match(message, /^Invalid sim-accountview environment/);
  t.match(message, /PORT/);
  t.match(message, /RATE_LIMIT_REQUESTS/);
  t.match(message, /HOST/);
});
