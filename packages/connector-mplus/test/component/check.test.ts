/** The connection check: one finding per credential and setting, in words. */
import t from 'tap';
import { mplusConnector as connector } from '../../src/index.js';
import { startHarness } from '../fixtures/simulator-harness.js';

const failed = async (findings: Promise<{ subject: string; ok: boolean; message: string }[]>) =>
  (await findings).filter((f) => !f.ok);

t.test('a working connection passes every finding', async (t) => {
  const { session } = await startHarness(t);
  const findings = await connector.check(session);
  t.ok(findings.length >= 5);
  t.same(
    findings.filter((f) => !f.ok),
    [],
  );
});

t.test('wrong ident/secret: one finding on the secret', async (t) => {
  const { session } = await startHarness(t, { secret: 'wrong' });
  const bad = await failed(connector.check(session));
  t.same(
    bad.map((f) => f.subject),
    ['target.credentials.secret'],
  );
  t.match(bad[0]?.message, /ident and secret/);
});

t.test('unknown branch, workplace, employee, tax code, delivery method and article', async (t) => {
  const { session } = await startHarness(t, {
    settings: {
      entryBranchNumber: 7,
      employeeNumber: 4711,
      deliveryMethods: { WSESHIP: 'DRONE' },
      taxCodes: [{ vatRateBp: 2100, vatCode: 9 }],
      roundingArticleNumber: 123456,
    },
  });
  const bad = await failed(connector.check(session));
  t.same(bad.map((f) => f.subject).sort(), [
    'target.settings.deliveryMethods',
    'target.settings.employeeNumber',
    'target.settings.entryBranchNumber',
    'target.settings.roundingArticleNumber',
    'target.settings.taxCodes',
  ]);
  t.ok(bad.every((f) => f.message.length > 20));
  const { session: workplace } = await startHarness(t, {
    settings: { entryBranchNumber: 2, workplaceNumber: 9 },
  });
  const wrongPlace = await failed(connector.check(workplace));
  t.same(
    wrongPlace.map((f) => f.subject),
    ['target.settings.workplaceNumber'],
  );
  t.match(wrongPlace[0]?.message, /no workplace 9/);
});
