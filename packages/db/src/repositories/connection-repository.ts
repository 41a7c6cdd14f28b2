import type { Kysely, Selectable } from 'kysely';
import type { CredentialCipher } from '../credential-cipher.js';
import type { ConnectionsTable, Database } from '../schema.js';

export type Connection = {
  id: string;
  tenantId: string;
  name: string;
  sourceSystem: string;
  targetSystem: string;
  webhookSecretHash: string;
  ipAllowlist: string[];
  rules: Record<string, unknown>;
  settings: Record<string, unknown>;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type NewConnection = Omit<Connection, 'createdAt' | 'updatedAt'> & {
  credentials: Record<string, unknown>;
};

export type ConnectionPatch = Partial<
  Pick<Connection, 'name' | 'ipAllowlist' | 'rules' | 'settings' | 'active' | 'webhookSecretHash'>
> & { credentials?: Record<string, unknown> };

function toConnection(row: Selectable<ConnectionsTable>): Connection {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    sourceSystem: row.source_system,
    targetSystem: row.target_system,
    webhookSecretHash: row.webhook_secret_hash,
    ipAllowlist: row.ip_allowlist,
    rules: row.rules,
    settings: row.settings,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Connections with their credentials sealed at rest; plain credentials never leave via `find`. */
export function createConnectionRepository(db: Kysely<Database>, cipher: CredentialCipher) {
  return {
    async create(input: NewConnection): Promise<Connection> {
      const row = await db
        .insertInto('connections')
        .values({
          id: input.id,
          tenant_id: input.tenantId,
          name: input.name,
          source_system: input.sourceSystem,
          target_system: input.targetSystem,
          webhook_secret_hash: input.webhookSecretHash,
          ip_allowlist: JSON.stringify(input.ipAllowlist),
          rules: JSON.stringify(input.rules),
          settings: JSON.stringify(input.settings),
          credentials_sealed: cipher.seal(input.credentials),
          active: input.active,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConnection(row);
    },

    async find(id: string): Promise<Connection | undefined> {
      const row = await db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toConnection(row) : undefined;
    },

    async list(tenantId?: string): Promise<Connection[]> {
      let query = db.selectFrom('connections').selectAll().orderBy('created_at');
      if (tenantId) query = query.where('tenant_id', '=', tenantId);
      return (await query.execute()).map(toConnection);
    },

    async update(id: string, patch: ConnectionPatch): Promise<Connection | undefined> {
      const row = await db
        .updateTable('connections')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.ipAllowlist !== undefined ? { ip_allowlist: JSON.stringify(patch.ipAllowlist) } : {}),
          ...(patch.rules !== undefined ? { rules: JSON.stringify(patch.rules) } : {}),
          ...(patch.settings !== undefined ? { settings: JSON.stringify(patch.settings) } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          ...(patch.webhookSecretHash !== undefined ? { webhook_secret_hash: patch.webhookSecretHash } : {}),
          ...(patch.credentials !== undefined ? { credentials_sealed: cipher.seal(patch.credentials) } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toConnection(row) : undefined;
    },

    async readCredentials(id: string): Promise<Record<string, unknown> | undefined> {
      const row = await db
        .selectFrom('connections')
        .select('credentials_sealed')
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? cipher.open(row.credentials_sealed) : undefined;
    },

    /** Merges new values (e.g. a rotated refresh token) into the sealed credentials. */
    async mergeCredentials(id: string, values: Record<string, unknown>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('connections')
          .select('credentials_sealed')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const merged = { ...cipher.open(row.credentials_sealed), ...values };
        await trx
          .updateTable('connections')
          .set({ credentials_sealed: cipher.seal(merged), updated_at: new Date() })
          .where('id', '=', id)
          .execute();
      });
    },
  };
}

export type ConnectionRepository = ReturnType<typeof createConnectionRepository>;
