import t from 'tap';
import { parseTargetPath } from '../src/index.js';

t.test('targets name canonical order fields in their JSON spelling', async (t) => {
  for (const [text, leaf] of [
    ['customer.companyName', 'string'],
    ['lines[*].sku', 'string'],
    ['lines[0].name', 'string'],
    ['lines[*].quantity', 'integer'],
    ['totals.net', 'integer'],
    ['status', 'enum'],
    ['createdAt', 'timestamp'],
    ['extras.costCenter', 'string'],
    ['billingAddress.country_code', 'string'],
  ] as const) {
    const parsed = parseTargetPath(text);
    t.equal(parsed.ok && parsed.path.leaf.kind, leaf, text);
  }
  const proto = parseTargetPath('billingAddress.country_code');
  t.equal(proto.ok && proto.path.text, 'billingAddress.countryCode', 'proto names are read as JSON names');
});

t.test('unknown, partial or identity targets are refused with a reason', async (t) => {
  const cases: [string, RegExp][] = [
    ['customer.company', /Customer has no field "company"; known: email/],
    ['reference', /CanonicalOrder has no field "reference"/],
    ['customer', /group of fields; name one/],
    ['lines.sku', /lines is a list: write lines\[\*\]/],
    ['lines[*]', /name a field of each lines element/],
    ['orderNumber[0]', /orderNumber is not a list/],
    ['orderNumber.x', /single value; it has no fields/],
    ['extras', /name one key of extras/],
    ['extras.cost center', /name one key of extras/],
    // Written as obj[key], it would set the object's prototype rather than a key (the value lost).
    ['extras.__proto__', /name one key of extras/],
    ['externalId', /identity; rules cannot change it/],
    ['connectionId', /identity/],
    ['createdAt.seconds', /timestamp; it has no fields/],
    ['customer..email', /not a field name/],
  ];
  for (const [text, message] of cases) {
    const parsed = parseTargetPath(text);
    t.notOk(parsed.ok, text);
    if (!parsed.ok) t.match(parsed.message, message, text);
  }
});
