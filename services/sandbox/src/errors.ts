import { AppError } from '@koppel/errors';
import { PORT_ENV_NAMES, type SystemName } from './ports.js';

/**
 * The sandbox's error codes. Every message names the simulator, and for listen failures the
 * address and the env variable that moves it, so a taken port is fixed without reading code.
 */
export const SANDBOX_ERROR_CODES = {
  /** Another process (or a second sandbox) already listens on the simulator's port. */
  SANDBOX_PORT_IN_USE: 'SANDBOX_PORT_IN_USE',
  /** Two simulators were given the same fixed port. */
  SANDBOX_PORT_CLASH: 'SANDBOX_PORT_CLASH',
  /** Listening failed for another reason (privileged port, unknown host …). */
  SANDBOX_LISTEN_FAILED: 'SANDBOX_LISTEN_FAILED',
  /** The simulator could not be built (e.g. its state file no longer parses). */
  SANDBOX_BUILD_FAILED: 'SANDBOX_BUILD_FAILED',
} as const;

export function listenFailedError(system: SystemName, host: string, port: number, cause: unknown): AppError {
  const details = { system, host, port };
  const errno = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
  if (errno === 'EADDRINUSE') {
    return new AppError(
      SANDBOX_ERROR_CODES.SANDBOX_PORT_IN_USE,
      `sandbox: the ${system} simulator cannot listen on ${host}:${port}: port ${port} is already in use ` +
        `(stop what holds it, or set ${PORT_ENV_NAMES[system]} to another port)`,
      { details, cause },
    );
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError(
    SANDBOX_ERROR_CODES.SANDBOX_LISTEN_FAILED,
    `sandbox: the ${system} simulator cannot listen on ${host}:${port}: ${reason}`,
    { details, cause },
  );
}

export function portClashError(port: number, systems: readonly SystemName[]): AppError {
  const names = systems.map((s) => `${s} (${PORT_ENV_NAMES[s]})`).join(' and ');
  return new AppError(
    SANDBOX_ERROR_CODES.SANDBOX_PORT_CLASH,
    `sandbox: ${names} are both set to port ${port}; give each simulator its own port`,
    { details: { port, systems } },
  );
}

export function buildFailedError(
  system: SystemName,
  stateFile: string | undefined,
  cause: unknown,
): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const hint = stateFile === undefined ? '' : ` (state file ${stateFile}; delete it to start afresh)`;
  return new AppError(
    SANDBOX_ERROR_CODES.SANDBOX_BUILD_FAILED,
    `sandbox: the ${system} simulator could not be built${hint}: ${reason}`,
    { details: { system, ...(stateFile === undefined ? {} : { stateFile }) }, cause },
  );
}
