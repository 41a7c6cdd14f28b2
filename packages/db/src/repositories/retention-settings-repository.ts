import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** Days payloads and personal data are kept when a tenant set nothing. */
export const DEFAULT_RETENTION_DAYS = 30;

export type TenantRetention = {
  tenantId: string;
  retentionDays: number;
  /** False while the tenant runs on the default. */
  custom: boolean;
  updatedAt: Date | null;
};

/** Per-tenant retention (`tenant_settings`); a tenant without a row keeps the default. */
export function createRetentionSettingsRepository(db: Kysely<Database>) {
  return {
    async get(tenantId: string): Promise<TenantRetention> {
      const row = await db
        .selectFrom('tenant_settings')
        .select(['retention_days', 'updated_at'])
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      return row
        ? { tenantId, retentionDays: row.retention_days, custom: true, updatedAt: new Date(row.updated_at) }
        : { tenantId, retentionDays: DEFAULT_RETENTION_DAYS, custom: false, updatedAt: null };
    },

    async set(tenantId: string, retentionDays: number): Promise<TenantRetention> {
      const row = await db
        .insertInto('tenant_settings')
        .values({ tenant_id: tenantId, retention_days: retentionDays })
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({ retention_days: retentionDays, updated_at: sql<Date>`now()` }),
        )
        .returning(['retention_days', 'updated_at'])
        .executeTakeFirstOrThrow();
      return {
        tenantId,
        retentionDays: row.retention_days,
        custom: true,
        updatedAt: new Date(row.updated_at),
      };
    },

    /** Every tenant that has a connection or a setting, with its retention (for the scheduled purge). */
    async listTenants(): Promise<TenantRetention[]> {
      const { rows } = await sql<{ tenant_id: string; retention_days: number | null }>`
        select t.tenant_id, s.retention_days
        from (select distinct tenant_id from connections
              union select tenant_id from tenant_settings) t
        left join tenant_settings s on s.tenant_id = t.tenant_id
        order by t.tenant_id`.execute(db);
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        retentionDays: r.retention_days ?? DEFAULT_RETENTION_DAYS,
        custom: r.retention_days !== null,
        updatedAt: null,
      }));
    },
  };
}

export type RetentionSettingsRepository = ReturnType<typeof createRetentionSettingsRepository>;
