import { type RetentionPurgeDeps, runRetentionPurge, totalPurged } from './run-retention-purge.js';

export type RetentionPurgeLoopDeps = RetentionPurgeDeps & {
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Time between runs, in milliseconds (default 15 minutes). */
  intervalMs?: number;
  /** Time before the first run, in milliseconds (default 30 seconds, so start-up is not slowed). */
  firstRunAfterMs?: number;
};

export type RetentionPurgeLoop = { stop(): Promise<void> };

/**
 * The scheduled retention purge: every `intervalMs` one run over all tenants. Every replica runs
 * the loop; the purge lease lets one of them work per round, the others find it taken and wait
 * for the next round. Logs counts and tenant ids only, never what was purged.
 */
export function startRetentionPurgeLoop(deps: RetentionPurgeLoopDeps): RetentionPurgeLoop {
  const intervalMs = deps.intervalMs ?? 15 * 60_000;
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const round = async () => {
    const report = await runRetentionPurge({ ...deps, isStopping: () => stopped }, { allTenants: true });
    if (!report) return;
    deps.log.info(
      { tenants: report.tenants.length, complete: report.complete, purged: totalPurged(report) },
      'retention purge finished',
    );
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round()
        .catch((error: unknown) =>
          deps.log.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'retention purge failed',
          ),
        )
        .finally(() => {
          running = undefined;
          schedule(intervalMs);
        });
    }, ms);
    timer.unref();
  };
  schedule(deps.firstRunAfterMs ?? 30_000);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
