import type { AnySourceConnector, AnyTargetConnector, CheckFinding } from '@koppel/connector-sdk';
import type { Connection, ConnectionRepository, ConnectionSide } from '@koppel/db';
import { isAppError } from '@koppel/errors';
import { type AdminConnectors, findSource, findTarget } from './admin-connectors.js';
import { parseSide, storedFields } from './connection-input.js';

export type CheckDeps = {
  connections: ConnectionRepository;
  connectors: AdminConnectors;
  /** Time each side's check gets, and each of its requests, in milliseconds. */
  timeoutMs: number;
};

type Checkable = Pick<
  AnyTargetConnector,
  'system' | 'displayName' | 'settingsSchema' | 'credentialsSchema'
> & {
  openSession?: AnyTargetConnector['openSession'];
  check?: AnyTargetConnector['check'];
};

class CheckTimeout extends Error {}

/** The registry's parse failure and admin's own (a source that opens no session). */
const validationCodes = new Set(['VALIDATION_FAILED', 'INVALID_SETTINGS', 'INVALID_CREDENTIALS']);

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The first zod message of a VALIDATION_FAILED (as `parseConnectionSide` lists them), else the message. */
function reasonOf(error: Error): string {
  const issues = isAppError(error) ? error.details?.issues : undefined;
  const first: unknown = Array.isArray(issues) ? issues[0] : undefined;
  if (
    typeof first === 'object' &&
    first !== null &&
    'message' in first &&
    typeof first.message === 'string'
  ) {
    return first.message;
  }
  return error.message;
}

/** Whatever stopped a side's check, as one finding in words a shop owner understands. */
function failureFinding(
  side: ConnectionSide,
  connector: Checkable,
  error: unknown,
  timeoutMs: number,
): CheckFinding {
  const name = connector.displayName;
  if (error instanceof CheckTimeout) {
    return {
      subject: side,
      ok: false,
      message: `${name} did not answer within ${Math.round(timeoutMs / 1000)} seconds. It may be down, or an address in the settings may be wrong; try again later.`,
    };
  }
  if (isAppError(error) && validationCodes.has(error.code) && error.field?.startsWith(`${side}.`)) {
    const reason = reasonOf(error).replace(`${error.field}: `, '');
    const part = error.field.startsWith(`${side}.credentials`) ? 'credential' : 'setting';
    const key = error.field.split('.').slice(2).join('.') || `${part}s`;
    return {
      subject: error.field,
      ok: false,
      message: `The ${name} ${part} "${key}" is missing or no longer valid (${reason}). Enter it again in the connection.`,
    };
  }
  const reason = error instanceof Error ? reasonOf(error) : String(error);
  return { subject: side, ok: false, message: `${name} could not be checked: ${reason}` };
}

async function checkSide(
  deps: CheckDeps,
  connection: Connection,
  side: ConnectionSide,
  connector: Checkable,
): Promise<CheckFinding[]> {
  try {
    const { openSession, check } = connector;
    if (!openSession || !check) {
      // Nothing to try against the shop: at least say whether the stored values still parse.
      const credentials = (await deps.connections.readCredentials(connection.id, side)) ?? {};
      const stored = side === 'target' ? connection.settings : connection.sourceSettings;
      parseSide(connector, side, stored, credentials, storedFields);
      return [];
    }
    const session = await deps.connectors.openSession(
      { ...connector, openSession },
      deps.connections,
      connection.id,
      side,
      {
        requestTimeoutMs: deps.timeoutMs,
      },
    );
    return await withTimeout(check(session), deps.timeoutMs);
  } catch (error) {
    return [failureFinding(side, connector, error, deps.timeoutMs)];
  }
}

function missingConnector(side: ConnectionSide, system: string): CheckFinding {
  return {
    subject: `${side}System`,
    ok: false,
    message: `Koppel has no connector for ${system} any more; choose another system for this connection.`,
  };
}

/**
 * Tries the connection's target (and its source, when the source connector can check) and
 * answers one finding per credential and setting. Nothing is thrown: stale stored settings,
 * an error or a timeout of a connector's check each become a finding.
 */
export async function checkConnection(deps: CheckDeps, connection: Connection): Promise<CheckFinding[]> {
  const target = findTarget(deps.connectors, connection.targetSystem);
  const source: AnySourceConnector | undefined = findSource(deps.connectors, connection.sourceSystem);
  const [targetFindings, sourceFindings] = await Promise.all([
    target
      ? checkSide(deps, connection, 'target', target)
      : [missingConnector('target', connection.targetSystem)],
    source
      ? checkSide(deps, connection, 'source', source)
      : [missingConnector('source', connection.sourceSystem)],
  ]);
  return [...targetFindings, ...sourceFindings];
}
