import t from 'tap';
import { SENT_REQUEST_MAX_CHARS, toSentRequest } from '../src/sent-request.js';

const debtor = { targetId: 'D1', name: 'Anna', email: 'anna@example.nl' };

t.test('the request kept for the operator has no secret-looking values', async (t) => {
  const sent = toSentRequest(
    {
      number: 'WEB-1',
      body: { lines: [{ sku: 'A', apiKey: 'k' }], auth: { password: 'p', user: 'u' }, accessToken: 't' },
    },
    debtor,
  );
  t.same(sent, {
    documentNumber: 'WEB-1',
    debtorId: 'D1',
    body: {
      lines: [{ sku: 'A', apiKey: '[removed]' }],
      auth: { password: '[removed]', user: 'u' },
      accessToken: '[removed]',
    },
  });
});

t.test('a large body is cut to a bounded preview', async (t) => {
  const sent = toSentRequest(
    { number: 'WEB-2', body: { text: 'x'.repeat(SENT_REQUEST_MAX_CHARS * 2) } },
    debtor,
  );
  const body = sent.body as { truncated: boolean; preview: string; originalChars: number };
  t.equal(body.truncated, true);
  t.equal(body.preview.length, SENT_REQUEST_MAX_CHARS);
  t.ok(body.originalChars > SENT_REQUEST_MAX_CHARS);
});

t.test('bigint amounts are kept as strings; a body JSON cannot hold never stops the delivery', async (t) => {
  const sent = toSentRequest({ number: 'WEB-3', body: { totalCents: 1234n } }, debtor);
  t.same(sent.body, { totalCents: '1234' });
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const odd = toSentRequest({ number: 'WEB-4', body: cyclic }, debtor);
  t.match(odd, { documentNumber: 'WEB-4', body: { unavailable: String } });
});
