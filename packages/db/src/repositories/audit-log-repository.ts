import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../schema.js';

export type AuditAction = 'erasure' | 'retention_changed' | 'retention_purge';

/** Who acted: the API key's id (null for a configured operator key) and its label. */
export type AuditActor = { keyId: string | null; label: string };

export type NewAuditEntry = {
  tenantId: string;
  action: AuditAction;
  actor: AuditActor;
  /** A hash of the subject (an erasure's e-mail); never the subject itself. */
  subjectHash: string | null;
  details: Record<string, unknown>;
};

export type AuditEntry = NewAuditEntry & { id: string; at: Date };

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: String(row.id),
    tenantId: row.tenant_id,
    action: row.action as AuditAction,
    actor: { keyId: row.actor_key_id, label: row.actor_label },
    subjectHash: row.subject_hash,
    details: row.details,
    at: new Date(row.created_at),
  };
}

/** The tenant's audit log: append-only, listed newest first. */
export function createAuditLogRepository(db: Kysely<Database>) {
  return {
    async append(entry: NewAuditEntry): Promise<AuditEntry> {
      const row = await db
        .insertInto('audit_log')
        .values({
          tenant_id: entry.tenantId,
          action: entry.action,
          actor_key_id: entry.actor.keyId,
          actor_label: entry.actor.label,
          subject_hash: entry.subjectHash,
          details: JSON.stringify(entry.details),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    },

    /** Newest first; `beforeId` continues a page. */
    async list(tenantId: string, limit: number, beforeId?: string): Promise<AuditEntry[]> {
      let query = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
      if (beforeId !== undefined) query = query.where('id', '<', beforeId);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toEntry);
    },
  };
}

export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;
