/**
 * Runs the shutdown steps once on SIGTERM/SIGINT, in order (stop intake, let in-flight work
 * finish and commit, close clients), bounded by a timeout after which the process exits. When the
 * timeout cuts it short, the log names the step that was still running and how long each finished
 * step took, so an operator sees what held the stop.
 */
export type ShutdownStep = { name: string; run: () => Promise<void> };

export function installGracefulShutdown(
  steps: ShutdownStep[],
  options: { timeoutMs: number; log: (message: string) => void },
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = () => {
    running ??= (async () => {
      const started = Date.now();
      const finished: string[] = [];
      let current = { name: '', since: started };
      const timer = setTimeout(() => {
        const done = finished.length > 0 ? finished.join(', ') : 'none';
        options.log(
          `shutdown took longer than ${options.timeoutMs} ms (step ${current.name} still running after ` +
            `${Date.now() - current.since} ms; done: ${done}); exiting`,
        );
        process.exit(1);
      }, options.timeoutMs);
      timer.unref();
      for (const step of steps) {
        current = { name: step.name, since: Date.now() };
        try {
          await step.run();
        } catch (error) {
          options.log(
            `shutdown step ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        finished.push(`${step.name} ${Date.now() - current.since} ms`);
      }
      clearTimeout(timer);
      options.log(`shutdown complete in ${Date.now() - started} ms (${finished.join(', ')})`);
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
