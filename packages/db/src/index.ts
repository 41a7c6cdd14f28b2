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
export { migrateToLatest, migrationNames, pendingMigrations, waitForMigrations } from './migrate.js';
export { type FreedLeases, freeLeasesOfPreviousRun } from './leases/free-leases-of-previous-run.js';
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
export { shareConnectionLookups } from './repositories/shared-connection-lookups.js';
export {
  type CachedConnectionLookups,
  cacheConnectionLookups,
} from './repositories/cached-connection-lookups.js';
export { type ConnectionChanges, connectionChangeChannel } from './connection-changes.js';
export { createGroupWriter, type GroupWriter, type GroupWriterOptions } from './group-writer.js';
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
  type ConnectionScheduleTable,
  createConnectionScheduleRepository,
  type LeaseFence,
} from './repositories/connection-schedule-repository.js';
export {
  createPollScheduleRepository,
  type PollClaim,
  type PollSchedule,
  type PollScheduleRepository,
} from './repositories/poll-schedule-repository.js';
export * from './repositories/parked-record-repository.js';
export {
  createTargetRateBucketRepository,
  type RateBucketKey,
  type RateBucketShape,
  type RateBucketTake,
  type TargetRateBucketRepository,
} from './repositories/target-rate-bucket-repository.js';
export { jsonbText, withoutNul } from './jsonb-text.js';
export {
  CONNECTION_PAUSED_CODE,
  type ConnectionPauseRepository,
  createConnectionPauseRepository,
} from './repositories/connection-pause-repository.js';
export {
  createDeadLetterRepository,
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetterRepository,
  type NewDeadLetter,
} from './repositories/dead-letter-repository.js';
export {
  createDeliveryRecordRepository,
  type DeliveryRecord,
  type DeliveryRecordRepository,
} from './repositories/delivery-record-repository.js';
export { STATUS_NEUTRAL_STAGES } from './repositories/order-summary-facts.js';
export {
  createOrderSummaryRepository,
  type OrderSummary,
  type OrderSummaryFilter,
  type OrderSummaryRepository,
  type ReconciliationRow,
} from './repositories/order-summary-repository.js';
export {
  type ConnectionProductSettings,
  createProductSettingsRepository,
  type ProductSettingsRepository,
} from './repositories/product-settings-repository.js';
export {
  createProductSyncItemRepository,
  type ProductSyncItem,
  type ProductSyncItemRepository,
} from './repositories/product-sync-item-repository.js';
export {
  createProductSyncRunRepository,
  type ProductSyncFence,
  type ProductSyncRun,
  type ProductSyncRunRepository,
  type ProductSyncRunStatus,
  type SentProduct,
} from './repositories/product-sync-run-repository.js';
export {
  createProductSyncScheduleRepository,
  type ProductSyncClaim,
  type ProductSyncSchedule,
  type ProductSyncScheduleRepository,
} from './repositories/product-sync-schedule-repository.js';
export * from './repositories/stock-applied-repository.js';
export * from './repositories/stock-hold-repository.js';
export * from './repositories/stock-observation-repository.js';
export * from './repositories/stock-read-schedule-repository.js';
export * from './repositories/stock-settings-repository.js';
export * from './repositories/audit-log-repository.js';
export * from './repositories/erasure-repository.js';
export * from './repositories/retention-lease-repository.js';
export * from './repositories/retention-purge-repository.js';
export * from './repositories/retention-settings-repository.js';
export type { Database } from './schema.js';
