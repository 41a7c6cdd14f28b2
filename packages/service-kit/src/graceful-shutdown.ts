/**
 * Runs the shutdown steps once on SIGTERM/SIGINT, in order (stop intake, let in-flight work
 * finish and commit, close clients), bounded by a timeout after which the process exits.
 */
export type ShutdownStep = { name: string; run: () => Promise<void> };

export function installGracefulShutdown(
  steps: ShutdownStep[],
  options: { timeoutMs: number; log: (message: string) => void },
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = () => {
    running ??= (async () => {
      const timer = setTimeout(() => {
        options.log(`shutdown took longer than ${options.timeoutMs} ms; exiting`);
        process.exit(1);
      }, options.timeoutMs);
      timer.unref();
      for (const step of steps) {
        try {
          await step.run();
        } catch (error) {
          options.log(
            `shutdown step ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      clearTimeout(timer);
    })();
    return running;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      options.log(`${signal} received; shutting down`);
      void shutdown().then(() => process.exit(0));
    });
  }
  return shutdown;
}
