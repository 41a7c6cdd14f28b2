import t from 'tap';
import { describeVatRate, findRateRule, timeZoneSchema } from '../../src/index.js';

const rules = [
  { vatRateBp: 2100, code: 'H' },
  { vatRateBp: 2100, countryCode: 'BE', code: 'OSS-BE' },
  { vatRateBp: 900, countryCode: 'NL', code: 'L' },
];

t.test('findRateRule: the country rule wins over the rate-only rule', async (t) => {
  t.equal(findRateRule(rules, 2100, 'BE')?.code, 'OSS-BE');
  t.equal(findRateRule(rules, 2100, 'DE')?.code, 'H');
  t.equal(findRateRule(rules, 900, 'DE'), undefined);
  t.equal(findRateRule(rules, 0, 'NL'), undefined);
});

t.test('describeVatRate names the rate and the country', async (t) => {
  t.equal(describeVatRate(2100, 'BE'), '21 % (BE)');
  t.equal(describeVatRate(550, ''), '5.5 %');
});

t.test('timeZoneSchema defaults and refuses unknown zones', async (t) => {
  const schema = timeZoneSchema('Europe/Budapest');
  t.equal(schema.parse(undefined), 'Europe/Budapest');
  t.equal(schema.parse('Europe/Amsterdam'), 'Europe/Amsterdam');
  t.notOk(schema.safeParse('Mars/Olympus').success);
});
