import t from 'tap';
import { ordersListPk, sha1Hex, shopInfoPk, stockUpdatePk } from '../../src/domain/pk.js';
import { isChangeTime, toChangeTime } from '../../src/domain/shop-time.js';

t.test('sha1 is lowercase hex like PHP sha1()', async (t) => {
  t.equal(sha1Hex('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
});

t.test('pk formulas concatenate without separators in the documented order', async (t) => {
  const merchant = { kind: 'merchant' as const, privateKey: 'K' };
  const partner = { kind: 'partner' as const, partnerName: 'P', partnerKey: 'PK', module: 'orders_get' };
  t.equal(
    ordersListPk('12345', '20090106112400', '1234567890', merchant),
    sha1Hex('12345200901061124001234567890K'),
  );
  t.equal(
    ordersListPk('12345', '20090106112400', '1234567890', partner),
    sha1Hex('1234520090106112400PKPorders_get1234567890'),
  );
  const stock = { ...partner, module: 'stock_update_n' };
  t.equal(
    stockUpdatePk('1', [{ productId: '9', stockValue: '3' }], 'R', stock),
    sha1Hex('1PKPstock_update_n93R'),
  );
  t.equal(shopInfoPk('1', 'R', { ...partner, module: 'shop_info' }), sha1Hex('1PKPshop_infoR'));
});

t.test('change_time is yyyymmddhhmmss in shop time and calendar-checked', async (t) => {
  t.equal(toChangeTime(new Date('2025-03-01T13:05:09Z'), 'Europe/Amsterdam'), '20250301140509');
  t.equal(
    toChangeTime(new Date('2025-07-01T13:05:09Z'), 'Europe/Amsterdam'),
    '20250701150509',
    'summer time',
  );
  t.ok(isChangeTime('20090106112400'));
  t.notOk(isChangeTime('20090230112400'));
  t.notOk(isChangeTime('2009010611240'));
  t.notOk(isChangeTime('20090106246000'));
});
