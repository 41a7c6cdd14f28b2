/** One Mijnwebwinkel target connection's session: its settings and API client. */
import type { ConnectionContext, SessionServices } from '@koppel/connector-sdk';
import { createMijnwebwinkelTargetClient, type MijnwebwinkelTargetClient } from './target-client.js';
import type { MijnwebwinkelTargetCredentials, MijnwebwinkelTargetSettings } from './target-settings.js';

export type MijnwebwinkelTargetSession = {
  settings: MijnwebwinkelTargetSettings;
  client: MijnwebwinkelTargetClient;
};

export function openTargetSession(
  connection: ConnectionContext<MijnwebwinkelTargetSettings, MijnwebwinkelTargetCredentials>,
  services: SessionServices,
): MijnwebwinkelTargetSession {
  return {
    settings: connection.settings,
    client: createMijnwebwinkelTargetClient(connection.settings, connection.credentials, services),
  };
}
