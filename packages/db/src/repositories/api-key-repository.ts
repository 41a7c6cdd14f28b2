import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ApiKeysTable, Database } from '../schema.js';

/** Who a key speaks for: one tenant, or an operator who sees every tenant. */
export type ApiKeyScope = { operator: true } | { operator: false; tenantId: string };

/** An API key as it is listed: never the key, which is shown once at creation. */
export type ApiKeyRecord = {
  id: string;
  label: string;
  /** Null for an operator key. */
  tenantId: string | null;
  operator: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
};

export type NewApiKey = { keyHash: string; label: string; scope: ApiKeyScope };

export type ApiKeyRepository = {
  create(key: NewApiKey): Promise<ApiKeyRecord>;
  /** The active (not revoked) key with this sha256 hex digest; marks it used. */
  authenticate(keyHash: string): Promise<ApiKeyRecord | undefined>;
  /** Active keys, newest first; of one tenant when `tenantId` is given. */
  list(tenantId?: string): Promise<ApiKeyRecord[]>;
  find(id: string): Promise<ApiKeyRecord | undefined>;
  /** Revokes an active key; false when there is none with this id. */
  revoke(id: string): Promise<boolean>;
};

function toRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    label: row.label,
    tenantId: row.tenant_id,
    operator: row.operator,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  };
}

/** Admin API keys stored as sha256 digests, each scoped to a tenant or an operator key. */
export function createApiKeyRepository(db: Kysely<Database>): ApiKeyRepository {
  const active = () => db.selectFrom('api_keys').selectAll().where('revoked_at', 'is', null);
  return {
    async create({ keyHash, label, scope }) {
      const row = await db
        .insertInto('api_keys')
        .values({
          id: randomUUID(),
          key_hash: keyHash,
          label,
          operator: scope.operator,
          tenant_id: scope.operator ? null : scope.tenantId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async authenticate(keyHash) {
      const row = await db
        .updateTable('api_keys')
        .set({ last_used_at: sql<Date>`now()` })
        .where('key_hash', '=', keyHash)
        .where('revoked_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async list(tenantId) {
      let query = active().orderBy('created_at', 'desc').orderBy('id');
      if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
      return (await query.execute()).map(toRecord);
    },
    async find(id) {
      const row = await active().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async revoke(id) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
