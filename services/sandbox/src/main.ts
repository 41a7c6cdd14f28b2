import { loadSandboxConfig } from './config.js';
import { renderSandboxTable } from './sandbox-table.js';
import { startSandbox } from './start-sandbox.js';

/** `npm run sandbox`: the only place that reads env, listens and handles signals. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadSandboxConfig(process.env);
  const sandbox = await startSandbox({
    host: config.host,
    ports: config.ports,
    ...(config.stateDir === undefined ? {} : { stateDir: config.stateDir }),
    logger: config.logger,
  });
  const state =
    config.stateDir === undefined ? 'in memory (set SANDBOX_STATE_DIR to keep it)' : config.stateDir;
  process.stdout.write(
    `Koppel sandbox: seven API simulators are listening. State: ${state}\n\n${renderSandboxTable(sandbox.urls)}\n\nCtrl+C stops them.\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received; closing the simulators\n`);
    const timer = setTimeout(() => {
      process.stderr.write(`sandbox: shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting\n`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sandbox: closing failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
