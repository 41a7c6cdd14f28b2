import type { SourceConnector } from '@koppel/connector-sdk';
import { shoprenterConnector } from '@koppel/connector-shoprenter';

/** The source connectors this ingest knows, by the `source_system` of a connection. */
export const sourceConnectors: Readonly<Record<string, SourceConnector>> = {
  shoprenter: shoprenterConnector,
};
