/**
 * What one tap run reported, read from its output: the test files it ran (top-level `ok`/`not ok`
 * lines naming a `.test.ts` file) and the totals of tap's closing line
 * (`# { total: 7755, pass: 7754, skip: 1 }`). Pure, so the runner can add lanes together.
 */
export interface TapLaneSummary {
  files: number;
  failedFiles: string[];
  total: number;
  pass: number;
  fail: number;
  skip: number;
  todo: number;
  /** false when the output has no closing totals line (tap crashed or was killed). */
  complete: boolean;
}

const fileResult = /^(not ok|ok) \d+ - (\S+\.test\.[cm]?[jt]s)\b/;
const totalsLine = /^# \{ total: \d+.*\}\s*$/;
const totalsField = /(total|pass|fail|skip|todo): (\d+)/g;

export function summariseTapOutput(output: string): TapLaneSummary {
  const summary: TapLaneSummary = {
    files: 0,
    failedFiles: [],
    total: 0,
    pass: 0,
    fail: 0,
    skip: 0,
    todo: 0,
    complete: false,
  };
  for (const line of output.split('\n')) {
    const file = fileResult.exec(line);
    if (file) {
      summary.files += 1;
      if (file[1] === 'not ok') summary.failedFiles.push(file[2] ?? '');
      continue;
    }
    if (!totalsLine.test(line)) continue;
    summary.complete = true;
    for (const [, key, value] of line.matchAll(totalsField)) {
      summary[key as 'total' | 'pass' | 'fail' | 'skip' | 'todo'] = Number(value);
    }
  }
  return summary;
}

export function addLanes(lanes: TapLaneSummary[]): TapLaneSummary {
  return lanes.reduce(
    (sum, lane) => ({
      files: sum.files + lane.files,
      failedFiles: [...sum.failedFiles, ...lane.failedFiles],
      total: sum.total + lane.total,
      pass: sum.pass + lane.pass,
      fail: sum.fail + lane.fail,
      skip: sum.skip + lane.skip,
      todo: sum.todo + lane.todo,
      complete: sum.complete && lane.complete,
    }),
    { files: 0, failedFiles: [], total: 0, pass: 0, fail: 0, skip: 0, todo: 0, complete: true },
  );
}

/**
 * The run's closing lines, in the TAP comment form other runners print (`# tests`, `# pass`,
 * `# fail`), so a reader (or a CI log scraper) sees at the very end how many tests ran.
 */
export function formatSummary(lanes: Record<string, TapLaneSummary>): string {
  const all = addLanes(Object.values(lanes));
  const perLane = Object.entries(lanes)
    .map(([name, lane]) => `${name} ${lane.files} files / ${lane.total} tests`)
    .join(', ');
  const lines = [
    `# test files ${all.files} (${perLane})`,
    `# tests ${all.total}`,
    `# pass ${all.pass}`,
    `# fail ${all.fail}`,
    `# skip ${all.skip}`,
    `# todo ${all.todo}`,
  ];
  for (const file of all.failedFiles) lines.push(`# failed file: ${file}`);
  if (!all.complete) lines.push('# a lane ended without its totals line: tap did not finish');
  return `${lines.join('\n')}\n`;
}
