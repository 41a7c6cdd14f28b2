import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import type { Connection, ConnectionPatch, ConnectionSide } from '@koppel/db';
import type { z } from 'zod';
import { adminErrors } from '../errors.js';
import { issueField } from '../openapi/zod-schema-compilers.js';
import type { CreateConnectionBody, PatchConnectionBody } from '../schemas/connection-schemas.js';
import { type AdminConnectors, findSource, findTarget } from './admin-connectors.js';
import { unknownKeys } from './unknown-keys.js';

/**
 * Where each side's settings and credentials sit in the request body: a 422 names the field as
 * `<this>.<path in the connector's schema>`, e.g. `body.settings.tenantId`,
 * `body.sourceCredentials.apiToken`, the same `body.` spelling as every 400 of the admin API.
 */
export const bodyFields = {
  target: { settings: 'body.settings', credentials: 'body.credentials' },
  source: { settings: 'body.sourceSettings', credentials: 'body.sourceCredentials' },
} as const satisfies FieldNames;

/** How a stored connection's parts are named in check findings, as the connector SDK names them. */
export const storedFields = {
  target: { settings: 'target.settings', credentials: 'target.credentials' },
  source: { settings: 'source.settings', credentials: 'source.credentials' },
} as const satisfies FieldNames;

type FieldNames = Record<ConnectionSide, Record<'settings' | 'credentials', string>>;

type SchemaHolder = Pick<
  AnySourceConnector | AnyTargetConnector,
  'displayName' | 'settingsSchema' | 'credentialsSchema' | 'connectionSchema'
>;

/** One side of a connection as its connector parsed it (defaults filled in). */
export type ParsedSide = { settings: Record<string, unknown>; credentials: Record<string, unknown> };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parsePart(
  connector: SchemaHolder,
  side: ConnectionSide,
  part: 'settings' | 'credentials',
  value: unknown,
  fields: FieldNames,
): Record<string, unknown> {
  const schema: z.ZodType = part === 'settings' ? connector.settingsSchema : connector.credentialsSchema;
  const result = schema.safeParse(value);
  const prefix = fields[side][part];
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      field: issueField(prefix, issue),
      message: issue.message,
    }));
    throw adminErrors.invalidConnectorInput(part, connector.displayName, issues);
  }
  if (!isRecord(result.data)) {
    throw adminErrors.invalidConnectorInput(part, connector.displayName, [
      { field: prefix, message: 'must be an object' },
    ]);
  }
  return result.data;
}

/**
 * Parses one side with its connector's schemas, settings first, then credentials; the error
 * names the field as a request body spells it (`fields` = `storedFields` for a stored one).
 */
export function parseSide(
  connector: SchemaHolder,
  side: ConnectionSide,
  settings: unknown,
  credentials: unknown,
  fields: FieldNames = bodyFields,
): ParsedSide {
  const parsed = {
    settings: parsePart(connector, side, 'settings', settings, fields),
    credentials: parsePart(connector, side, 'credentials', credentials, fields),
  };
  checkAcrossParts(connector, side, parsed, fields);
  return parsed;
}

/**
 * Refuses keys the connector does not take in the settings or credentials a request body gives
 * (not in stored ones: those were parsed, so hold only keys the schema knew then).
 */
function refuseUnknownKeys(
  connector: SchemaHolder,
  side: ConnectionSide,
  given: { settings?: unknown; credentials?: unknown },
) {
  for (const part of ['settings', 'credentials'] as const) {
    const schema: z.ZodType = part === 'settings' ? connector.settingsSchema : connector.credentialsSchema;
    const { unknown, known } = unknownKeys(schema, given[part]);
    if (unknown.length === 0) continue;
    throw adminErrors.invalidConnectorInput(
      part,
      connector.displayName,
      unknown.map((key) => ({
        field: `${bodyFields[side][part]}.${key}`,
        message: `not a ${connector.displayName} ${part} key (known: ${known.join(', ')})`,
      })),
    );
  }
}

/** The connector's rules across settings and credentials (issue paths start with the part). */
function checkAcrossParts(
  connector: SchemaHolder,
  side: ConnectionSide,
  parsed: ParsedSide,
  fields: FieldNames,
) {
  const result = connector.connectionSchema?.safeParse(parsed);
  if (!result || result.success) return;
  const issues = result.error.issues.map((issue) => {
    const [part, ...rest] = issue.path;
    const prefix = part === 'credentials' ? fields[side].credentials : fields[side].settings;
    return { field: issueField(prefix, { ...issue, path: rest }), message: issue.message };
  });
  const first = result.error.issues[0]?.path[0] === 'credentials' ? 'credentials' : 'settings';
  throw adminErrors.invalidConnectorInput(first, connector.displayName, issues);
}

/** A new connection's connectors and both sides parsed; 422 naming the first field at fault. */
export function parseNewConnection(connectors: AdminConnectors, body: CreateConnectionBody) {
  const target = findTarget(connectors, body.targetSystem);
  if (!target) throw adminErrors.unknownSystem('body.targetSystem', body.targetSystem);
  const source = findSource(connectors, body.sourceSystem);
  if (!source) throw adminErrors.unknownSystem('body.sourceSystem', body.sourceSystem);
  refuseUnknownKeys(target, 'target', { settings: body.settings, credentials: body.credentials });
  refuseUnknownKeys(source, 'source', {
    settings: body.sourceSettings,
    credentials: body.sourceCredentials,
  });
  return {
    source,
    target: parseSide(target, 'target', body.settings, body.credentials),
    sourceSide: parseSide(source, 'source', body.sourceSettings, body.sourceCredentials ?? {}),
  };
}

/** Opens the stored credentials of one side (`{}` when it has none). */
export type CredentialsReader = (side: ConnectionSide) => Promise<Record<string, unknown>>;

/**
 * The repository patch of a PATCH body. A side whose settings or credentials the body touches
 * is validated as it will be stored: given settings replace the stored ones, given credentials
 * replace the stored ones, the rest stays. A side the body leaves alone is not re-validated, so
 * an operator can still rename or deactivate a connection whose stored settings went stale.
 */
export async function parseConnectionPatch(
  connectors: AdminConnectors,
  connection: Connection,
  body: PatchConnectionBody,
  readCredentials: CredentialsReader,
): Promise<{
  patch: ConnectionPatch;
  source: AnySourceConnector | undefined;
  sourceSettings: Record<string, unknown> | undefined;
}> {
  const { sourceSettings, sourceCredentials, settings, credentials, ...plain } = body;
  const patch: ConnectionPatch = { ...plain };
  if (settings !== undefined || credentials !== undefined) {
    const target = findTarget(connectors, connection.targetSystem);
    if (!target) throw adminErrors.unknownSystem('targetSystem', connection.targetSystem);
    refuseUnknownKeys(target, 'target', { settings, credentials });
    const parsed = parseSide(
      target,
      'target',
      settings ?? connection.settings,
      credentials ?? (await readCredentials('target')),
    );
    if (settings !== undefined) patch.settings = parsed.settings;
    if (credentials !== undefined) patch.credentials = parsed.credentials;
  }
  if (sourceSettings === undefined && sourceCredentials === undefined) {
    return { patch, source: undefined, sourceSettings: undefined };
  }
  const source = findSource(connectors, connection.sourceSystem);
  if (!source) throw adminErrors.unknownSystem('sourceSystem', connection.sourceSystem);
  refuseUnknownKeys(source, 'source', { settings: sourceSettings, credentials: sourceCredentials });
  const parsed = parseSide(
    source,
    'source',
    sourceSettings ?? connection.sourceSettings,
    sourceCredentials ?? (await readCredentials('source')),
  );
  if (sourceSettings !== undefined) patch.sourceSettings = parsed.settings;
  if (sourceCredentials !== undefined) patch.sourceCredentials = parsed.credentials;
  return { patch, source, sourceSettings: parsed.settings };
}
