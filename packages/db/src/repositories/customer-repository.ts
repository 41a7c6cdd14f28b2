import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
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
 * ON CONFLICT, so two orders of a new customer arriving at once end as one record.
 */
export function createCustomerRepository(db: Kysely<Database>) {
  return {
    async upsert(input: Omit<CustomerRecord, 'id'>): Promise<CustomerRecord> {
      const values = {
        tenant_id: input.tenantId,
        normalized_email: input.normalizedEmail,
        kind: input.kind,
        display_name: input.displayName,
        company_name: input.companyName,
        first_name: input.firstName,
        last_name: input.lastName,
        phone: input.phone,
        vat_number: input.vatNumber,
      };
      const row = await db
        .insertInto('customers')
        .values({ id: randomUUID(), ...values })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'normalized_email']).doUpdateSet({
            kind: values.kind,
            display_name: values.display_name,
            company_name: values.company_name,
            first_name: values.first_name,
            last_name: values.last_name,
            phone: values.phone,
            vat_number: values.vat_number,
            updated_at: new Date(),
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, ...input };
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

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
