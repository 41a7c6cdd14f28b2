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
  sourceSettings: Record<string, unknown>;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type NewConnection = Omit<Connection, 'createdAt' | 'updatedAt' | 'sourceSettings'> & {
  sourceSettings?: Record<string, unknown>;
  /** The target's credentials. */
  credentials: Record<string, unknown>;
  /** The source's credentials (a polled shop's API token); none for a webhook-only shop. */
  sourceCredentials?: Record<string, unknown>;
};

export type ConnectionPatch = Partial<
  Pick<
    Connection,
    'name' | 'ipAllowlist' | 'rules' | 'settings' | 'sourceSettings' | 'active' | 'webhookSecretHash'
  >
> & { credentials?: Record<string, unknown>; sourceCredentials?: Record<string, unknown> };

/** Which side of a connection a credential belongs to. */
export type ConnectionSide = 'source' | 'target';

const credentialColumn = {
  source: 'source_credentials_sealed',
  target: 'credentials_sealed',
} as const satisfies Record<ConnectionSide, keyof ConnectionsTable>;

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
    sourceSettings: row.source_settings,
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
          source_settings: JSON.stringify(input.sourceSettings ?? {}),
          credentials_sealed: cipher.seal(input.credentials),
          source_credentials_sealed: input.sourceCredentials ? cipher.seal(input.sourceCredentials) : '',
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

    /**
     * The connection and one side's credentials as stored (sealed), in one query. A sealed value
     * changes with every write (fresh nonce), so a caller holding an opened copy can tell from it
     * alone whether the credentials changed, and open them (`openCredentials`) only then.
     */
    async findWithSealedCredentials(
      id: string,
      side: ConnectionSide,
    ): Promise<{ connection: Connection; sealedCredentials: string } | undefined> {
      const row = await db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
      return row
        ? { connection: toConnection(row), sealedCredentials: row[credentialColumn[side]] }
        : undefined;
    },

    /** Opens credentials read sealed by `findWithSealedCredentials` (`{}` for none). */
    openCredentials(sealed: string): Record<string, unknown> {
      return sealed === '' ? {} : cipher.open(sealed);
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
          ...(patch.sourceSettings !== undefined
            ? { source_settings: JSON.stringify(patch.sourceSettings) }
            : {}),
          ...(patch.sourceCredentials !== undefined
            ? { source_credentials_sealed: cipher.seal(patch.sourceCredentials) }
            : {}),
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

    /** The opened credentials of one side (target by default); `{}` when that side has none. */
    async readCredentials(
      id: string,
      side: ConnectionSide = 'target',
    ): Promise<Record<string, unknown> | undefined> {
      const column = credentialColumn[side];
      const row = await db.selectFrom('connections').select(column).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const sealed = row[column];
      return sealed === '' ? {} : cipher.open(sealed);
    },

    /**
     * Runs `work` under a row lock on the connection with one side's credentials as stored now,
     * and merges what it returns as `save` before the lock is released (token refresh across
     * replicas). The lock is held while `work` runs, so keep it to the one refresh call.
     */
    async withCredentialsLock<T>(
      id: string,
      side: ConnectionSide,
      work: (stored: Record<string, unknown>) => Promise<{ save?: Record<string, unknown>; result: T }>,
    ): Promise<T> {
      const column = credentialColumn[side];
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('connections')
          .select(column)
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const sealed = row[column];
        const stored = sealed === '' ? {} : cipher.open(sealed);
        const { save, result } = await work(stored);
        if (save) {
          await trx
            .updateTable('connections')
            .set({ [column]: cipher.seal({ ...stored, ...save }), updated_at: new Date() })
            .where('id', '=', id)
            .execute();
        }
        return result;
      });
    },

    /**
     * Merges new values (e.g. a rotated refresh token) into one side's sealed credentials,
     * under a row lock so concurrent rotations never lose each other's token.
     */
    async mergeCredentials(
      id: string,
      values: Record<string, unknown>,
      side: ConnectionSide = 'target',
    ): Promise<void> {
      const column = credentialColumn[side];
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('connections')
          .select(column)
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const sealed = row[column];
        const merged = { ...(sealed === '' ? {} : cipher.open(sealed)), ...values };
        await trx
          .updateTable('connections')
          .set({ [column]: cipher.seal(merged), updated_at: new Date() })
          .where('id', '=', id)
          .execute();
      });
    },
  };
}

export type ConnectionRepository = ReturnType<typeof createConnectionRepository>;
