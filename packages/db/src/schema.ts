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
  active: boolean;
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
  updated_at: Generated<Date>;
};

export type DeliveryLedgerTable = {
  connection_id: string;
  external_order_id: string;
  state: 'delivering' | 'delivered';
  document_id: string | null;
  document_number: string;
  attempts: number;
  /** Bumped by every lease acquisition; `renew` and `markDelivered` must carry it (fencing token). */
  lease_fence: Generated<number>;
  /** Database-clock end of the current worker's lease; null when free. */
  lease_until: Timestamp | null;
  /** Database-clock time the last create of the document was sent; null = never sent. */
  document_requested_at: Timestamp | null;
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
};
