import t from 'tap';
import { addLanes, formatSummary, summariseTapOutput } from './tap-lane-summary.js';

const mainLane = [
  '# Subtest: packages/db/test/inbox.test.ts',
  '    ok 1 - claims once',
  '    1..1',
  'ok 1 - packages/db/test/inbox.test.ts # time=120ms',
  'not ok 2 - services/ingest/test/webhook.test.ts # time=80ms',
  '  ---',
  '# { total: 12, pass: 10, fail: 1, skip: 1 }',
  '# time=9000ms',
].join('\n');
const endToEndLane = [
  'ok 1 - services/embedded/test/flow.test.ts # time=1ms',
  '# { total: 3, pass: 3 }',
].join('\n');

t.test('counts top-level files and reads the totals line', async (t) => {
  const lane = summariseTapOutput(mainLane);
  t.equal(lane.files, 2);
  t.same(lane.failedFiles, ['services/ingest/test/webhook.test.ts']);
  t.match(lane, { total: 12, pass: 10, fail: 1, skip: 1, todo: 0, complete: true });
});

t.test('nested ok lines are not files', async (t) => {
  t.equal(summariseTapOutput('    ok 1 - packages/x/test/a.test.ts\n').files, 0);
});

t.test('output without a totals line is incomplete', async (t) => {
  t.equal(summariseTapOutput('ok 1 - packages/a/test/b.test.ts\n').complete, false);
});

t.test('lanes add up, and the closing lines say so', async (t) => {
  const lanes = { main: summariseTapOutput(mainLane), 'end-to-end': summariseTapOutput(endToEndLane) };
  t.match(addLanes(Object.values(lanes)), { files: 3, total: 15, pass: 13, fail: 1, skip: 1 });
  const text = formatSummary(lanes);
  t.match(text, /^# test files 3 \(main 2 files \/ 12 tests, end-to-end 1 files \/ 3 tests\)$/m);
  t.match(text, /^# tests 15$/m);
  t.match(text, /^# pass 13$/m);
  t.match(text, /^# fail 1$/m);
  t.match(text, /^# failed file: services\/ingest\/test\/webhook\.test\.ts$/m);
});
