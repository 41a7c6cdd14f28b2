import type { SourceConnector } from '@koppel/connector-sdk';
import { shoprenterConnector } from '@koppel/connector-shoprenter';

/** The source connectors mapping can decode, by the `source_system` of a raw event. */
export const sourceConnectors: Readonly<Record<string, SourceConnector>> = {
  shoprenter: shoprenterConnector,
};
