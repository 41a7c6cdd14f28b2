import t from 'tap';
import { problemFromPollFailures, problemsFromDeadLetters, renderEmail } from '../src/index.js';

const connection = { id: 'shop-1', name: 'Webshop NL', sourceSystem: 'shoprenter', targetSystem: 'asperion' };
const letter = (id: string, code: string, message: string, field: string | null = null) => ({
  id,
  connectionId: 'shop-1',
  externalOrderId: `order-${id}`,
  stage: 'delivery',
  errorCode: code,
  errorMessage: message,
  errorField: field,
});

t.test('dead letters of one cause become one problem with every order, newest first', async (t) => {
  const vat = 'VAT rate 27% has no VAT code in Asperion administration 12345: add one under settings';
  const problems = problemsFromDeadLetters(connection, [
    letter('1', 'TARGET_REJECTED', vat, 'settings.vatCodes'),
    letter('2', 'TARGET_REJECTED', vat, 'settings.vatCodes'),
    letter('3', 'TARGET_AUTH_FAILED', 'Asperion refused the refresh token (HTTP 401)'),
  ]);
  t.equal(problems.length, 2);
  const refusing = problems.find((p) => p.kind === 'target-refusing');
  t.match(refusing, {
    key: 'dead-letter:delivery:TARGET_REJECTED',
    orders: ['order-2', 'order-1'],
    occurrences: 2,
    detail:
      /VAT rate 27% has no VAT code in Asperion administration 12345: add one under settings \(field `settings.vatCodes`\)/,
    action: /dead-letters\/replay with \{"code":"TARGET_REJECTED"\}/,
  });
  const credentials = problems.find((p) => p.kind === 'credentials-failing');
  t.match(credentials, {
    summary: /credentials of connection "Webshop NL" stopped working/,
    action: /PATCH/,
  });
});

t.test(
  "a target's own refusal codes (Mplus) read as the target refusing, not as a stopped order",
  async (t) => {
    const mplus = { ...connection, targetSystem: 'mplus' };
    const problems = problemsFromDeadLetters(mplus, [
      letter('1', 'MPLUS_REJECTED', 'Mplus refused the order: ORDER-FAILED'),
      letter('2', 'MPLUS_SOAP_FAULT', 'Mplus refused createOrderV2: unknown branch 7', 'branchNumber'),
      letter('3', 'VALIDATION_FAILED', 'no VAT code for 9 %', 'target.settings.vatCodes'),
    ]);
    t.same(
      problems.map((p) => [p.key, p.kind]),
      [
        ['dead-letter:delivery:MPLUS_REJECTED', 'target-refusing'],
        ['dead-letter:delivery:MPLUS_SOAP_FAULT', 'target-refusing'],
        ['dead-letter:delivery:VALIDATION_FAILED', 'order-dead-lettered'],
      ],
    );
    t.match(problems[0]?.summary, /^mplus keeps refusing orders of connection "Webshop NL"/);
  },
);

t.test('an unknown document outcome tells the operator to look before replaying', async (t) => {
  const [problem] = problemsFromDeadLetters(connection, [
    letter('9', 'DOCUMENT_OUTCOME_UNKNOWN', 'lost answer'),
  ]);
  t.match(problem?.action, /confirmedNotInTarget/);
});

t.test(
  'a poller is a problem from the third failure in a row; an auth failure says credentials',
  async (t) => {
    t.equal(
      problemFromPollFailures(connection, { connectionId: 'shop-1', consecutiveFailures: 2, lastError: 'x' }),
      undefined,
    );
    t.match(
      problemFromPollFailures(connection, {
        connectionId: 'shop-1',
        consecutiveFailures: 3,
        lastError: 'HTTP 503',
      }),
      {
        kind: 'poll-failing',
        action: /nothing is lost/,
      },
    );
    t.match(
      problemFromPollFailures(connection, {
        connectionId: 'shop-1',
        consecutiveFailures: 5,
        lastError: 'HTTP 401: token expired',
      }),
      { kind: 'credentials-failing', key: 'credentials:poll' },
    );
  },
);

t.test('the e-mail says what is wrong, what to do and how often it recurred', async (t) => {
  const [problem] = problemsFromDeadLetters(connection, [letter('1', 'TARGET_REJECTED', 'no VAT code')]);
  if (!problem) throw new Error('a problem');
  const email = renderEmail(problem, 4);
  t.match(email.subject, /^\[Koppel\] Asperion keeps refusing|^\[Koppel\] asperion keeps refusing/);
  t.match(email.text, /What to do:/);
  t.match(email.text, /4 more time\(s\) since the last notice/);
});
