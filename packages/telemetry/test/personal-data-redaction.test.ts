import t from 'tap';
import { maskEmails, maskLogArguments, redactUrl } from '../src/index.js';

t.test('e-mail addresses are masked wherever a log call carries them', async (t) => {
  t.equal(maskEmails('debtor "Anna.de-Vries@Example.NL" refused'), 'debtor "[REDACTED]" refused');
  t.equal(maskEmails('no address here'), 'no address here');

  const calls: unknown[][] = [];
  const method = (...args: unknown[]) => void calls.push(args);
  const error = Object.assign(new Error('target refused anna@example.nl'), { code: 'TARGET_REJECTED' });
  maskLogArguments([{ facts: { to: ['piet@example.nl'] }, count: 2 }, 'sent to %s', 'x@y.nl'], method);
  maskLogArguments([error], method);
  t.same(calls[0], [{ facts: { to: ['[REDACTED]'] }, count: 2 }, 'sent to %s', '[REDACTED]']);
  const [facts, message] = calls[1] as [{ err: Error & { code: string } }, string];
  t.equal(message, 'target refused [REDACTED]');
  t.equal(facts.err.message, 'target refused [REDACTED]');
  t.equal(facts.err.code, 'TARGET_REJECTED', 'error fields are kept');
  t.notOk(facts.err.stack?.includes('anna@'), 'the stack is masked too');
  t.equal(error.message, 'target refused anna@example.nl', "the caller's error is not changed");
});

t.test('query values are masked in URLs (logs and spans), names kept', async (t) => {
  t.equal(
    redactUrl('/admin/v1/connections/c1/orders?q=anna%40example.nl&limit=5'),
    '/admin/v1/connections/c1/orders?q=[REDACTED]&limit=[REDACTED]',
  );
  t.equal(
    redactUrl('/webhooks/shoprenter/c1/s3cr3t?event=x'),
    '/webhooks/shoprenter/c1/[REDACTED]?event=[REDACTED]',
  );
  t.equal(redactUrl("select 1 where detail ? 'x'"), "select 1 where detail ? 'x'", 'SQL is left alone');
});
