import t from 'tap';
import { startHarness } from '../fixtures/simulator-harness.js';

t.test('a working connection: every finding is ok', async (t) => {
  const { connector, session } = await startHarness(t);
  const findings = await connector.check(session);
  t.ok(findings.length >= 5, 'credentials, administration and bookkeeping settings');
  t.same(
    findings.filter((finding) => !finding.ok),
    [],
  );
  t.match(findings, [
    { subject: 'target.credentials.clientSecret', ok: true },
    { subject: 'target.credentials.refreshToken', ok: true },
    { subject: 'target.settings.tenantId', ok: true, message: /12345 “Koppel Demo BV”/ },
  ]);
});

t.test('a wrong client secret: the token endpoint refuses, named as the client secret', async (t) => {
  const { connector, session } = await startHarness(t, { credentials: { clientSecret: 'not-the-secret' } });
  const findings = await connector.check(session);
  t.same(findings, [
    {
      subject: 'target.credentials.clientSecret',
      ok: false,
      message: findings[0]?.message,
    },
  ]);
  t.match(findings[0]?.message, /client id and secret/);
  t.notMatch(findings[0]?.message, /administration/);
});

t.test('a wrong administration id: log-in works, the API refuses the administration', async (t) => {
  const { connector, session } = await startHarness(t, { settings: { tenantId: 999 } });
  const findings = await connector.check(session);
  t.match(findings, [
    { subject: 'target.credentials.clientSecret', ok: true },
    { subject: 'target.credentials.refreshToken', ok: true },
    { subject: 'target.settings.tenantId', ok: false, message: /administration 999/ },
  ]);
  t.equal(findings.length, 3, 'nothing is checked inside an administration Koppel cannot open');
  t.notMatch(findings[2]?.message, /secret/);
});

t.test('a revoked authorization is named as the refresh token: reconnect', async (t) => {
  const { connector, session, sim } = await startHarness(t);
  sim.tokens.revokeRefreshTokens();
  t.match(await connector.check(session), [
    { subject: 'target.credentials.refreshToken', ok: false, message: /Reconnect Asperion/ },
  ]);
});

t.test('bookkeeping references Asperion does not have are named one by one', async (t) => {
  const { connector, session } = await startHarness(t, {
    settings: {
      journalId: 'NOPE',
      vatCodes: [{ vatRateBp: 2100, vatCode: 'ZZ' }],
      shippingLedgerAccountId: 4242,
    },
  });
  const failed = (await connector.check(session)).filter((finding) => !finding.ok);
  t.match(failed, [
    { subject: 'target.settings.journalId', message: /no journal “NOPE”/ },
    { subject: 'target.settings.vatCodes', message: /no sales VAT code ZZ/ },
    { subject: 'target.settings.shippingLedgerAccountId', message: /4242/ },
  ]);
  t.equal(failed.length, 3);
});
