import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import { z } from 'zod';
import type { AdminConnectors } from './admin-connectors.js';

type JsonSchema = Record<string, unknown>;

/**
 * A connector schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as a request carries it.
 * A part JSON Schema cannot express (a refinement, a transform) is left open rather than failing
 * the whole document: the connector's zod schema still decides on every request.
 */
export function toConnectorJsonSchema(schema: z.ZodType, options: { writeOnly: boolean }): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  if (!options.writeOnly) return json;
  // writeOnly on the object and on each property: generators and Swagger UI read it per property.
  const properties = json.properties;
  if (typeof properties !== 'object' || properties === null) return { ...json, writeOnly: true };
  return {
    ...json,
    writeOnly: true,
    properties: Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [key, { ...(value as JsonSchema), writeOnly: true }]),
    ),
  };
}

const schemasOf = (connector: AnySourceConnector | AnyTargetConnector) => ({
  settingsSchema: toConnectorJsonSchema(connector.settingsSchema, { writeOnly: false }),
  credentialsSchema: toConnectorJsonSchema(connector.credentialsSchema, { writeOnly: true }),
});

export function describeSourceSystem(connector: AnySourceConnector) {
  return {
    system: connector.system,
    displayName: connector.displayName,
    capabilities: {
      webhook: connector.webhook
        ? {
            authentication: connector.webhook.authentication,
            acceptedContentTypes: [...connector.webhook.acceptedContentTypes],
          }
        : null,
      poll: connector.poller ? { role: connector.poller.role } : null,
      check: connector.openSession !== undefined && connector.check !== undefined,
    },
    ...schemasOf(connector),
  };
}

export function describeTargetSystem(connector: AnyTargetConnector) {
  return { system: connector.system, displayName: connector.displayName, ...schemasOf(connector) };
}

/** Every system admin offers, with its capabilities and the JSON Schemas of its settings and credentials. */
export function describeSystems(connectors: AdminConnectors) {
  return {
    sources: connectors.sources.map(describeSourceSystem),
    targets: connectors.targets.map(describeTargetSystem),
  };
}

export type SystemsDescription = ReturnType<typeof describeSystems>;

/**
 * The per-system schemas as OpenAPI components, named `<system>.<side>.settings` and
 * `<system>.<side>.credentials` (e.g. `asperion.target.settings`).
 */
export function toSystemComponents(systems: SystemsDescription): Record<string, JsonSchema> {
  const entries = [
    ...systems.sources.map((s) => ['source', s] as const),
    ...systems.targets.map((s) => ['target', s] as const),
  ].flatMap(([side, s]) => [
    [`${s.system}.${side}.settings`, { title: `${s.displayName} ${side} settings`, ...s.settingsSchema }],
    [
      `${s.system}.${side}.credentials`,
      { title: `${s.displayName} ${side} credentials`, ...s.credentialsSchema },
    ],
  ]);
  return Object.fromEntries(entries);
}
