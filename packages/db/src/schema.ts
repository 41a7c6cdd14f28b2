import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Kysely table types. One Postgres database; each service touches only its own tables. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ConnectionsTable = {
  id: string;
  tenant_id: string;
  name: string;
  source_system: string;
  target_system: string;
  /** sha256 hex of the per-connection webhook secret that travels in the webhook URL. */
  webhook_secret_hash: string;
  /** CIDR or plain addresses; empty = any. */
  ip_allowlist: JSONColumnType<string[]>;
  /** Mapping rules (status filter, overrides); parsed by mapping with zod. */
  rules: JSONColumnType<Record<string, unknown>>;
  /** Non-secret target settings (journal, ledger accounts...). */
  settings: JSONColumnType<Record<string, unknown>>;
  /** AES-256-GCM sealed JSON of the target credentials (see credential-cipher.ts). */
  credentials_sealed: string;
  /** Non-secret source settings (shop name, polling interval...). */
  source_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Sealed JSON of the source credentials; empty when the source needs none. */
  source_credentials_sealed: ColumnType<string, string | undefined, string>;
  /** `{ stock?, products? }`, each parsed by its own package (0009-stock-sync). */
  sync_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  active: boolean;
  /** Set while the connection is paused: its deliveries wait until resumed (0011-operations). */
  paused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Who hears of this connection's problems (`@koppel/notifications` parses it). */
  notifications: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Sealed Standard Webhooks secret of the notification webhook; empty when none. */
  notification_secret_sealed: ColumnType<string, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type InboxTable = {
  id: Generated<string>;
  connection_id: string;
  event_key: string;
  event_id: string;
  event_type: string;
  external_order_id: string;
  /** Set once the event's record is on orders.raw; false after a crash between the two. */
  published: Generated<boolean>;
  /** Who is publishing the event now, and until when (database clock); null when nobody is. */
  claim_token: string | null;
  claimed_until: Timestamp | null;
  received_at: Generated<Date>;
};

export type OrderJourneyTable = {
  id: Generated<string>;
  connection_id: string;
  external_order_id: string;
  stage: string;
  /** Free-form facts: target ids, error code and message, skipped reason, payload excerpt. */
  detail: JSONColumnType<Record<string, unknown>>;
  /** W3C trace id the stage ran under; null when no trace was active. */
  trace_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
};

export type CustomersTable = {
  id: string;
  tenant_id: string;
  normalized_email: string;
  kind: string;
  display_name: string;
  company_name: string;
  first_name: string;
  last_name: string;
  phone: string;
  vat_number: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type DebtorBindingsTable = {
  connection_id: string;
  customer_id: string;
  target_debtor_id: string | null;
  claimed_until: Timestamp | null;
  /** Bumped by every claim; `bind`, `renew` and `release` must carry it (fencing token). */
  claim_fence: Generated<number>;
  /** Digest of the debtor details last written to (or found equal in) the target; null: unknown. */
  synced_digest: string | null;
  updated_at: Generated<Date>;
};

export type DeliveryLedgerTable = {
  connection_id: string;
  external_order_id: string;
  state: 'delivering' | 'delivered';
  document_id: string | null;
  /** The number Koppel asked the target to give the document (prepared before any call). */
  document_number: string;
  /** The number the target gave the booked document; null until delivered (or marked before 0017). */
  booked_number: Generated<string | null>;
  /** When the booking's `orders.booked` announcement was published; null while it is not. */
  announced_at: Generated<Timestamp | null>;
  attempts: number;
  /** Bumped by every lease acquisition; `renew` and `markDelivered` must carry it (fencing token). */
  lease_fence: Generated<number>;
  /** Database-clock end of the current worker's lease; null when free. */
  lease_until: Timestamp | null;
  /** Database-clock time the last create of the document was sent; null = never sent. */
  document_requested_at: Timestamp | null;
  /** The request body last sent to create the document (credentials removed, bounded). */
  document_request: ColumnType<unknown, string | null | undefined, string | null>;
  updated_at: Generated<Date>;
};

export type PollSchedulesTable = {
  connection_id: string;
  cursor: string;
  cursor_version: Generated<number>;
  interval_seconds: number;
  next_poll_at: Timestamp;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  consecutive_failures: Generated<number>;
  last_error: string | null;
  last_polled_at: Timestamp | null;
  updated_at: Generated<Date>;
};

export type BusRecordsTable = {
  offset: Generated<string>;
  topic: string;
  key: string;
  value: Uint8Array;
  headers: JSONColumnType<Record<string, string>>;
  created_at: Generated<Date>;
};

export type BusOffsetsTable = {
  group_id: string;
  topic: string;
  committed_offset: string;
};

export type AuthFailuresTable = {
  /** What was failing to authenticate, e.g. `ingest:address:203.0.113.7`. */
  scope: string;
  failures: number;
  window_ends_at: Timestamp;
};

export type ApiKeysTable = {
  id: string;
  /** sha256 hex of the key; the key is shown once and never stored. */
  key_hash: string;
  tenant_id: string | null;
  operator: Generated<boolean>;
  label: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type ParkedRecordsTable = {
  id: Generated<string>;
  group_id: string;
  topic: string;
  key: string;
  partition: number;
  offset: string;
  value: Uint8Array;
  headers: JSONColumnType<Record<string, string>>;
  attempts: number;
  due_at: Timestamp;
  last_error: string | null;
  parked_at: Generated<Date>;
};

/** One row per order, kept by the journey repository (0011-operations). */
export type OrderSummariesTable = {
  id: Generated<string>;
  connection_id: string;
  external_order_id: string;
  received_at: Generated<Date>;
  updated_at: Generated<Date>;
  status_stage: string | null;
  status_reason: string | null;
  order_number: string | null;
  customer_email: string | null;
  debtor_id: string | null;
  document_id: string | null;
  document_number: string | null;
  trace_id: string | null;
  replays: Generated<number>;
};

/** Every dead letter with what it takes to replay it (0011-operations). */
export type DeadLettersTable = {
  id: Generated<string>;
  connection_id: string;
  external_order_id: string;
  stage: string;
  source_topic: string;
  source_partition: number;
  source_offset: string;
  key: string;
  payload: Uint8Array;
  headers: JSONColumnType<Record<string, string>>;
  error_code: string;
  error_message: string;
  error_field: string | null;
  error_details: ColumnType<unknown, string | null | undefined, string | null>;
  attempts: number;
  failed_at: Generated<Date>;
  replay_count: Generated<number>;
  replayed_at: Timestamp | null;
};

export type ProductSyncSchedulesTable = {
  connection_id: string;
  interval_seconds: number;
  next_run_at: Timestamp;
  run_requested: Generated<boolean>;
  full_requested: Generated<boolean>;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  consecutive_failures: Generated<number>;
  last_error: string | null;
  last_success_started_at: Timestamp | null;
  updated_at: Generated<Date>;
};

export type ProductSyncRunsTable = {
  id: Generated<string>;
  connection_id: string;
  status: 'running' | 'completed' | 'abandoned';
  full: boolean;
  trigger: 'schedule' | 'manual';
  changed_since: Timestamp | null;
  /** The source page being worked on (null: the first); with `chunk_index`, the run's position. */
  source_page: string | null;
  chunk_index: Generated<number>;
  pages_done: Generated<number>;
  chunks_sent: Generated<number>;
  products_sent: Generated<number>;
  products_refused: Generated<number>;
  products_skipped: Generated<number>;
  products_excluded: Generated<number>;
  attempts: Generated<number>;
  last_error: string | null;
  started_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Timestamp | null;
};

export type ProductSyncItemsTable = {
  connection_id: string;
  sku: string;
  content_hash: string;
  price_hash: string;
  outcome: string;
  shop_product_id: string | null;
  reason: string | null;
  run_id: string | null;
  sent_at: Timestamp;
};

/** Per stock-reading connection: schedule, change marker, resync request and lease (0009-stock-sync). */
export type StockReadSchedulesTable = {
  connection_id: string;
  next_read_at: Timestamp;
  next_full_resync_at: Timestamp;
  resync_requested_at: Timestamp | null;
  change_marker: string | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  consecutive_failures: Generated<number>;
  last_error: string | null;
  last_read_at: Timestamp | null;
  last_full_resync_at: Timestamp | null;
  updated_at: Generated<Date>;
};

/** What the stock reader last saw and sent per (connection, SKU) (0009-stock-sync). */
export type StockObservationsTable = {
  connection_id: string;
  sku: string;
  ean: Generated<string>;
  available: ColumnType<string, number | string, number | string>;
  quantity: ColumnType<string, number | string, number | string>;
  source_time: Timestamp;
  observed_at: Generated<Date>;
};

/** Units of a received shop order per SKU, held off the pushed quantity until booked (0009-stock-sync). */
export type StockOrderHoldsTable = {
  connection_id: string;
  external_order_id: string;
  sku: string;
  units: number;
  received_at: Generated<Date>;
  released_at: Timestamp | null;
};

/** What the stock sink applied per (connection, SKU), last write wins by source time (0009-stock-sync). */
export type StockAppliedTable = {
  connection_id: string;
  sku: string;
  ean: Generated<string>;
  available: ColumnType<string, number | string, number | string>;
  source_time: Timestamp;
  read_started_at: Timestamp;
  event_id: string;
  status: 'pending' | 'updated' | 'unknown-article';
  version: ColumnType<string, number | string | undefined, number | string>;
  applied_at: Generated<Date>;
  pushed_quantity: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  pushed_at: Timestamp | null;
  unknown_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  due_at: Generated<Date>;
  lease_owner: string | null;
  lease_until: Timestamp | null;
};

export type NotificationStateTable = {
  connection_id: string;
  problem_key: string;
  first_seen_at: Generated<Date>;
  last_sent_at: Timestamp | null;
  occurrences: Generated<number>;
  last_message: Generated<string>;
};

export type NotifierWatermarksTable = {
  name: string;
  position: ColumnType<string, string | number | bigint, string | number | bigint>;
  updated_at: Generated<Date>;
};

/** Per-tenant retention of payloads and personal data (0013-retention); no row = 30 days. */
export type TenantSettingsTable = {
  tenant_id: string;
  retention_days: number;
  updated_at: Generated<Date>;
};

/** Who did what in a tenant: erasures (subject only as a hash), retention changes (0013-retention). */
export type AuditLogTable = {
  id: Generated<string>;
  tenant_id: string;
  action: string;
  actor_key_id: string | null;
  actor_label: string;
  subject_hash: string | null;
  details: JSONColumnType<Record<string, unknown>>;
  created_at: Generated<Date>;
};

/** A token bucket per connection and target system, shared by replicas (0014-target-rate-buckets). */
export type TargetRateBucketsTable = {
  system: string;
  connection_id: string;
  tokens: number;
  refilled_at: Timestamp;
  blocked_until: Timestamp | null;
};

/** One lease per background job, so one replica runs it at a time (0013-retention). */
export type MaintenanceLeasesTable = {
  name: string;
  owner: string;
  lease_until: Timestamp;
  last_finished_at: Timestamp | null;
};

export type Database = {
  connections: ConnectionsTable;
  inbox: InboxTable;
  order_journey: OrderJourneyTable;
  customers: CustomersTable;
  debtor_bindings: DebtorBindingsTable;
  delivery_ledger: DeliveryLedgerTable;
  poll_schedules: PollSchedulesTable;
  bus_records: BusRecordsTable;
  bus_offsets: BusOffsetsTable;
  parked_records: ParkedRecordsTable;
  auth_failures: AuthFailuresTable;
  api_keys: ApiKeysTable;
  product_sync_schedules: ProductSyncSchedulesTable;
  product_sync_runs: ProductSyncRunsTable;
  product_sync_items: ProductSyncItemsTable;
  order_summaries: OrderSummariesTable;
  dead_letters: DeadLettersTable;
  notification_state: NotificationStateTable;
  notifier_watermarks: NotifierWatermarksTable;
  stock_read_schedules: StockReadSchedulesTable;
  stock_observations: StockObservationsTable;
  stock_order_holds: StockOrderHoldsTable;
  stock_applied: StockAppliedTable;
  tenant_settings: TenantSettingsTable;
  audit_log: AuditLogTable;
  maintenance_leases: MaintenanceLeasesTable;
  target_rate_buckets: TargetRateBucketsTable;
};
