import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PromtoolResult = { ok: boolean; output: string };

/**
 * Runs Debian's promtool (installed by `bash scripts/infra/prometheus.sh install`); a missing
 * promtool fails loudly, never skips. `stdin` feeds `promtool check metrics`.
 */
export async function promtool(args: string[], stdin?: string): Promise<PromtoolResult> {
  const child = run('promtool', args, { timeout: 30_000 });
  if (stdin !== undefined) {
    child.child.stdin?.end(stdin);
  }
  try {
    const { stdout, stderr } = await child;
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failed.code === 'ENOENT') {
      throw new Error('promtool is not installed: run `bash scripts/infra/prometheus.sh install`');
    }
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
