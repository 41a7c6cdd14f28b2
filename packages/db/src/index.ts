/**
 * Koppel's database: Kysely over a real Postgres pool or embedded PGlite, code-listed
 * migrations, and one repository per table family.
 */
export { createEmbeddedDatabase, createPostgresDatabase, type DatabaseHandle } from './create-database.js';
export {
  type CredentialCipher,
  createCredentialCipher,
  hashWebhookSecret,
  parseCredentialsKey,
} from './credential-cipher.js';
export { migrateToLatest, migrationNames } from './migrate.js';
export {
  type ApiKeyRecord,
  type ApiKeyRepository,
  type ApiKeyScope,
  createApiKeyRepository,
  type NewApiKey,
} from './repositories/api-key-repository.js';
export {
  type AuthFailureLimit,
  type AuthFailureRepository,
  createAuthFailureRepository,
} from './repositories/auth-failure-repository.js';
export {
  type Connection,
  type ConnectionPatch,
  type ConnectionRepository,
  type ConnectionSide,
  createConnectionRepository,
  type NewConnection,
} from './repositories/connection-repository.js';
export {
  type CustomerRecord,
  type CustomerRepository,
  createCustomerRepository,
} from './repositories/customer-repository.js';
export {
  type ClaimResult,
  createDebtorBindingRepository,
  type DebtorBindingRepository,
  type DebtorClaim,
} from './repositories/debtor-binding-repository.js';
export {
  createDeliveryLedgerRepository,
  type DeliveryLease,
  type DeliveryLedgerRepository,
  type LedgerAcquisition,
} from './repositories/delivery-ledger-repository.js';
export {
  createInboxRepository,
  type InboxAdmission,
  type InboxEntry,
  type InboxRepository,
} from './repositories/inbox-repository.js';
export {
  createJourneyRepository,
  type JourneyEntry,
  type JourneyRepository,
  type JourneyStage,
} from './repositories/journey-repository.js';
export {
  createPollScheduleRepository,
  type PollClaim,
  type PollSchedule,
  type PollScheduleRepository,
} from './repositories/poll-schedule-repository.js';
export * from './repositories/parked-record-repository.js';
export type { Database } from './schema.js';
