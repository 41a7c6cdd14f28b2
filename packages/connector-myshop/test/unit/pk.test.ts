import { EXPORT_XML_NAMES, ordersListPk as simPk } from '@koppel/sim-myshop';
import t from 'tap';
import { ASSUMED_FIELDS, ordersListPk, readRpcId, sha1Hex } from '../../src/index.js';

t.test('pk is sha1 hex (lowercase) of shop + change_time + rpc_id + private key', async (t) => {
  // The manual's example request: shop 12345, change_time 20090106112400, rpc_id 1234567890.
  const pk = ordersListPk('12345', '20090106112400', '1234567890', 'geheime-sleutel');
  t.equal(pk, sha1Hex('12345200901061124001234567890geheime-sleutel'), 'plain concatenation, no separators');
  t.match(pk, /^[0-9a-f]{40}$/, '40 lowercase hex digits, as PHP sha1()');
  t.equal(sha1Hex('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d', 'SHA-1 itself (FIPS 180 test vector)');
  t.equal(
    pk,
    simPk('12345', '20090106112400', '1234567890', { kind: 'merchant', privateKey: 'geheime-sleutel' }),
    'the simulator signs the same way',
  );
});

t.test('the rpc id is read bare (the manual) or from an XML wrapper (the older vendor client)', async (t) => {
  t.equal(readRpcId('1234567890'), '1234567890');
  t.equal(readRpcId(' 1234567890\n'), '1234567890');
  t.equal(readRpcId('<?xml version="1.0"?><rpc><rpc_id>1234567890</rpc_id></rpc>'), '1234567890');
  t.equal(readRpcId('<rpc><error>invalid request</error></rpc>'), undefined);
  t.equal(readRpcId(''), undefined);
});

t.test('every assumed export field is the name the simulator documents', async (t) => {
  for (const [key, name] of Object.entries(EXPORT_XML_NAMES)) {
    t.equal(ASSUMED_FIELDS[key as keyof typeof ASSUMED_FIELDS], name, key);
  }
  t.equal(Object.keys(ASSUMED_FIELDS).length, Object.keys(EXPORT_XML_NAMES).length, 'no extra names');
});
