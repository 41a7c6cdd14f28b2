import { randomBytes } from 'node:crypto';
import {
  type ConnectionRepository,
  type CredentialCipher,
  createConnectionRepository,
  createCredentialCipher,
  createJourneyRepository,
  type DatabaseHandle,
  type JourneyRepository,
} from '@koppel/db';
import { createMigratedEmbeddedDatabase } from '@koppel/db/testing';
import { createEmbeddedBus, type MessageBus } from '@koppel/kafka';

export type EmbeddedStage = {
  database: DatabaseHandle;
  bus: MessageBus;
  cipher: CredentialCipher;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  close(): Promise<void>;
};

/**
 * What a pipeline stage's component test needs, on real embedded infrastructure: PGlite in
 * `directory` (migrated), the table-backed bus on it, a fresh credentials key, and the connection
 * and journey repositories. The Kafka/Postgres end-to-end tests live in services/embedded.
 */
export async function openEmbeddedStage(
  directory: string,
  options: { pollIntervalMs?: number } = {},
): Promise<EmbeddedStage> {
  const database = await createMigratedEmbeddedDatabase(directory);
  const bus = createEmbeddedBus(database.db, options);
  const cipher = createCredentialCipher(randomBytes(32));
  return {
    database,
    bus,
    cipher,
    connections: createConnectionRepository(database.db, cipher),
    journey: createJourneyRepository(database.db),
    async close() {
      await bus.close();
      await database.close();
    },
  };
}
