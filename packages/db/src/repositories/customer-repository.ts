import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createGroupWriter } from '../group-writer.js';
import type { Database } from '../schema.js';

export type CustomerRecord = {
  id: string;
  tenantId: string;
  normalizedEmail: string;
  kind: 'company' | 'person';
  displayName: string;
  companyName: string;
  firstName: string;
  lastName: string;
  phone: string;
  vatNumber: string;
};

/**
 * Koppel's customers per tenant keyed by normalised e-mail. `upsert` is one statement with
 * ON CONFLICT, so two orders of a new customer arriving at once end as one record. Upserts that
 * arrive while one is in flight are written together as one multi-row statement (group commit,
 * `../group-writer.ts`); each call resolves once its row is committed.
 */
export function createCustomerRepository(db: Kysely<Database>) {
  const upsertRow = createGroupWriter((inputs: CustomerInput[]) => upsertMany(db, inputs));
  return {
    upsert(input: CustomerInput): Promise<CustomerRecord> {
      return upsertRow(input);
    },

    async countForTenant(tenantId: string): Promise<number> {
      const row = await db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

type CustomerInput = Omit<CustomerRecord, 'id'>;

const customerKey = (input: CustomerInput) => JSON.stringify([input.tenantId, input.normalizedEmail]);

/**
 * One multi-row upsert. A statement may touch a row only once, so several inputs of one customer
 * are written as the last of them (what the same upserts one after another leave behind), and
 * every one of them answers with that customer's id.
 */
async function upsertMany(db: Kysely<Database>, inputs: CustomerInput[]): Promise<CustomerRecord[]> {
  const latest = new Map<string, CustomerInput>();
  for (const input of inputs) latest.set(customerKey(input), input);
  const rows = await db
    .insertInto('customers')
    .values(
      // Sorted, so two replicas' statements lock shared rows in one order (no deadlock).
      [...latest.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, input]) => ({
          id: randomUUID(),
          tenant_id: input.tenantId,
          normalized_email: input.normalizedEmail,
          kind: input.kind,
          display_name: input.displayName,
          company_name: input.companyName,
          first_name: input.firstName,
          last_name: input.lastName,
          phone: input.phone,
          vat_number: input.vatNumber,
        })),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'normalized_email']).doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        display_name: eb.ref('excluded.display_name'),
        company_name: eb.ref('excluded.company_name'),
        first_name: eb.ref('excluded.first_name'),
        last_name: eb.ref('excluded.last_name'),
        phone: eb.ref('excluded.phone'),
        vat_number: eb.ref('excluded.vat_number'),
        updated_at: new Date(),
      })),
    )
    .returning(['id', 'tenant_id', 'normalized_email'])
    .execute();
  const ids = new Map(rows.map((row) => [JSON.stringify([row.tenant_id, row.normalized_email]), row.id]));
  return inputs.map((input) => {
    const id = ids.get(customerKey(input));
    if (id === undefined) throw new Error(`customer upsert returned no row for ${input.normalizedEmail}`);
    return { id, ...input };
  });
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
