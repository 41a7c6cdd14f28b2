import { STATUS_NEUTRAL_STAGES } from '@koppel/db';
import t from 'tap';
import { journeyStatuses, stagesWithStatus, toJourneyStatus } from '../../../src/domain/journey-status.js';
import { decodePageCursor, encodePageCursor, nextPageCursor } from '../../../src/domain/page-cursor.js';
import { buildReconciliation } from '../../../src/domain/reconciliation.js';
import { confirmationNeeded } from '../../../src/domain/replay-guard.js';

t.test('the summary and the journey agree on status', async (t) => {
  for (const stage of STATUS_NEUTRAL_STAGES) {
    t.equal(
      toJourneyStatus([stage]),
      undefined,
      `${stage} changes no status (the summary keeps the one before)`,
    );
  }
  for (const status of journeyStatuses) {
    for (const stage of stagesWithStatus(status)) {
      t.equal(toJourneyStatus(stage === null ? [] : [stage]) ?? 'received', status, `${stage} → ${status}`);
    }
  }
  t.same(stagesWithStatus('waiting'), ['paused']);
  t.same(stagesWithStatus('delivered'), ['delivered', 'already_in_target']);
  t.ok(stagesWithStatus('received').includes(null), 'a duplicate alone reads as received');
  t.equal(toJourneyStatus(['received', 'dead_lettered', 'replayed']), 'replayed');
});

t.test('page cursors are opaque, round-trip, and refuse what they did not make', async (t) => {
  t.equal(decodePageCursor(encodePageCursor('42')), '42');
  t.equal(decodePageCursor('bm9wZQ'), undefined);
  t.equal(decodePageCursor(Buffer.from('k1.-1').toString('base64url')), undefined);
  t.equal(nextPageCursor([{ id: '9' }, { id: '8' }], 2), encodePageCursor('8'));
  t.equal(nextPageCursor([{ id: '9' }], 2), null, 'a short page is the last');
});

t.test('only DOCUMENT_OUTCOME_UNKNOWN needs a confirmation, and it says what to look for', async (t) => {
  const letter = {
    externalOrderId: '7',
    stage: 'delivery.innvoice',
    errorCode: 'DOCUMENT_OUTCOME_UNKNOWN',
    errorDetails: { documentNumber: 'WEB-2026/00007', requestedAt: '2026-12-01T10:00:00.000Z' },
  };
  const needed = confirmationNeeded(letter, false);
  t.match(needed?.message, /WEB-2026\/00007.*2026-12-01T10:00:00.000Z.*confirmedNotInTarget/);
  t.equal(confirmationNeeded(letter, true), undefined);
  t.equal(confirmationNeeded({ ...letter, errorCode: 'VALIDATION_FAILED' }, false), undefined);
});

t.test('the reconciliation sorts every order without a document by why', async (t) => {
  const order = (externalOrderId: string, statusStage: string | null, ledgerState: string | null = null) => ({
    externalOrderId,
    orderNumber: externalOrderId,
    statusStage,
    statusReason: statusStage === 'skipped' ? 'filtered' : null,
    receivedAt: new Date('2026-12-01T00:00:00Z'),
    ledgerState,
    ledgerDocumentNumber: ledgerState ? `WEB-${externalOrderId}` : null,
  });
  const report = buildReconciliation(
    [
      order('1', 'delivered', 'delivered'),
      order('2', 'already_in_target', 'delivered'),
      order('3', 'skipped'),
      order('4', 'dead_lettered'),
      order('5', 'paused'),
      order('6', 'retrying', 'delivering'),
      order('7', 'ignored'),
      order('8', null),
    ],
    [],
    [{ documentNumber: 'WEB-1', externalOrderIds: ['1', '9'] }],
  );
  t.equal(report.ordersSeen, 8);
  t.equal(report.documentsBooked, 2);
  const ids = (list: { externalOrderId: string }[]) => list.map((d) => d.externalOrderId);
  t.same(ids(report.differences.skipped), ['3']);
  t.equal(report.differences.skipped[0]?.reason, 'filtered');
  t.same(ids(report.differences.deadLettered), ['4']);
  t.same(ids(report.differences.waiting), ['5']);
  t.same(ids(report.differences.ignored), ['7']);
  t.same(ids(report.differences.missing), ['6', '8']);
  t.same(report.duplicates.sharedDocuments, [{ documentNumber: 'WEB-1', externalOrderIds: ['1', '9'] }]);
});
